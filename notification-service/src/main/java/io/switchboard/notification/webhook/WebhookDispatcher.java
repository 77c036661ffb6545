package io.switchboard.notification.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Every replica polls for due deliveries; {@code FOR UPDATE SKIP LOCKED} plus a lease give each delivery to one
 * replica. POSTs go out on the Vert.x HTTP client (non-blocking, with a timeout); failures are retried with exponential
 * backoff until {@link WebhookConfig#maxAttempts()}, then parked as dead letters.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private final WebhookStore store;
    private final WebhookConfig config;
    private final Vertx vertx;
    private final AtomicBoolean polling = new AtomicBoolean();
    private HttpClient client;
    private long timer = -1;

    public WebhookDispatcher(WebhookStore store, WebhookConfig config, Vertx vertx) {
        this.store = store;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.timeout().toMillis())
                .setMaxPoolSize(config.batchSize()));
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poll());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One poll at a time per replica; a slow receiver delays the next poll, it does not pile them up. */
    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        // The lease outlasts the POST's timeout, so no other replica takes the delivery while it is in flight.
        Duration lease = config.timeout().multipliedBy(2).plusSeconds(5);
        store.claimDue(config.batchSize(), lease).onItem()
                .transformToMulti(claimed -> Multi.createFrom().iterable(claimed)).onItem()
                .transformToUniAndMerge(this::deliver).collect().last().eventually(() -> polling.set(false)).subscribe()
                .with(ignored -> {
                }, failure -> Log.warnf("Webhook poll failed: %s", failure.getMessage()));
    }

    private Uni<Void> deliver(WebhookStore.Claimed delivery) {
        return post(delivery).onItemOrFailure().transformToUni((status, failure) -> {
            if (failure == null && status >= 200 && status < 300) {
                return store.delivered(delivery.id(), status);
            }
            String error = failure != null ? String.valueOf(failure.getMessage()) : "HTTP " + status;
            Duration retryIn = delivery.attempts() >= config.maxAttempts() ? null
                    : config.backoffBase().multipliedBy(1L << Math.min(delivery.attempts() - 1, 20));
            return store.failed(delivery.id(), failure == null ? status : null, error, retryIn);
        }).onFailure().invoke(f -> Log.warnf("Could not record webhook delivery %s: %s", delivery.id(), f.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Integer> post(WebhookStore.Claimed delivery) {
        String signature = WebhookSignature.header(delivery.secret(), Instant.now().getEpochSecond(), delivery.body());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(delivery.url())
                .setIdleTimeout(config.timeout().toMillis()).putHeader("Content-Type", CloudEvent.CONTENT_TYPE)
                .putHeader(WebhookSignature.HEADER, signature).putHeader("User-Agent", "Switchboard-Webhooks/1");
        return client.request(options).chain(request -> request.send(delivery.body()))
                .chain(response -> response.body().map(ignored -> response.statusCode())).ifNoItem()
                .after(config.timeout()).fail();
    }
}
