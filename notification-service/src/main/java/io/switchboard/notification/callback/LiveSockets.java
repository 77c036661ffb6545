package io.switchboard.notification.callback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The JSON WebSockets, as plain Vert.x routes on the event loop (like the SignalR hub), so that every frame is written
 * from the event's shared bytes and a slow client is noticed by its own write queue:
 * <ul>
 * <li>{@code /api/v1/notifications/callbacks/{confirmationCode}[?lastEventId=]}: a customer's page; the confirmation
 * code is the credential (random, known to the customer only);</li>
 * <li>{@code /api/v1/notifications/queues/{serviceQueue}?access_token=<JWT>[&lastEventId=]}: an agent dashboard, every
 * callback of that queue of the token's tenant; 401 without a valid {@code switchboard.dashboard} token, 404 for a
 * queue id that is not a number.</li>
 * </ul>
 * Clients only listen: what they send is ignored.
 */
@ApplicationScoped
public class LiveSockets {

    static final String CALLBACKS = "/api/v1/notifications/callbacks/";
    static final String QUEUES = "/api/v1/notifications/queues/";

    private final CallbackSubscriptions subscriptions;
    private final DashboardTokens tokens;
    private final Counter tooSlow;
    private final LiveWriters writers;

    public LiveSockets(CallbackSubscriptions subscriptions, DashboardTokens tokens, LiveWriters writers,
            MeterRegistry registry) {
        this.subscriptions = subscriptions;
        this.tokens = tokens;
        this.writers = writers;
        this.tooSlow = Counter.builder("switchboard.notification.live.too-slow")
                .description("JSON WebSockets closed because they did not read their frames fast enough")
                .register(registry);
    }

    void register(@Observes Router router) {
        router.get(CALLBACKS + ":confirmationCode").handler(this::customer);
        router.get(QUEUES + ":serviceQueue").handler(this::dashboard);
    }

    private void customer(RoutingContext ctx) {
        String code = ctx.pathParam("confirmationCode");
        if (code == null || !code.matches("[A-Za-z0-9_-]{1,64}")) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        upgrade(ctx, CallbackSubscriptions.callbackKey(code));
    }

    private void dashboard(RoutingContext ctx) {
        String queue = ctx.pathParam("serviceQueue");
        if (queue == null || !queue.matches("\\d{1,18}")) {
            ctx.response().setStatusCode(404).end();
            return;
        }
        String tenant = tokens.tenantOf(ctx.request().getParam("access_token"));
        if (tenant == null) {
            ctx.response().setStatusCode(401).end();
            return;
        }
        upgrade(ctx, CallbackSubscriptions.queueKey(tenant, Long.parseLong(queue)));
    }

    private void upgrade(RoutingContext ctx, String key) {
        if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
            ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .end("A WebSocket handshake is expected here.");
            return;
        }
        String lastEventId = ctx.request().getParam("lastEventId");
        // the event loop's own context (a request runs on a duplicate of it)
        Context context = VertxContext.getRootContext(Vertx.currentContext());
        LoopWriter writer = writers.of(context);
        ctx.request().toWebSocket().onSuccess(socket -> {
            JsonSocket subscriber = new JsonSocket(socket, writer, tooSlow::increment);
            socket.closeHandler(closed -> subscriptions.leave(key, subscriber));
            socket.exceptionHandler(failure -> Log.debugf("WebSocket %s failed: %s", key, failure.toString()));
            subscriptions.follow(key, subscriber, lastEventId);
            if (socket.isClosed()) {
                subscriptions.leave(key, subscriber);
            }
        }).onFailure(failure -> Log.debugf("WebSocket upgrade failed: %s", failure.toString()));
    }
}
