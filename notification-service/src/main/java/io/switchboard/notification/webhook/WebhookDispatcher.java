package io.switchboard.notification.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.notification.NotificationConfig;
import io.switchboard.notification.webhook.WebhookAddresses.ForbiddenAddressException;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;

/**
 * Every replica polls for due deliveries; {@code FOR UPDATE SKIP LOCKED} plus a lease give each delivery to one
 * replica. POSTs go out on the Vert.x HTTP client (non-blocking, with a timeout, redirects not followed) to the address
 * {@link WebhookAddresses} resolved and checked just before; failures are retried with exponential backoff until
 * {@code max-attempts}, then parked as dead letters.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private final WebhookStore store;
    private final WebhookAddresses addresses;
    private final NotificationConfig.Webhooks config;
    private final Vertx vertx;
    private final AtomicBoolean polling = new AtomicBoolean();
    private final AtomicBoolean kicked = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;
    private HttpClient client;
    private long timer = -1;

    public WebhookDispatcher(WebhookStore store, WebhookAddresses addresses, NotificationConfig config, Vertx vertx) {
        this.store = store;
        this.addresses = addresses;
        this.config = config.webhooks();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) config.timeout().toMillis())
                .setMaxPoolSize(config.batchSize()).setForceSni(true));
        timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poll());
    }

    /**
     * Stops claiming, then waits (up to the POST timeout) for the deliveries in flight to be recorded before the pool
     * closes: a delivery POSTed but not marked would be POSTed again by another replica once its lease ran out.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        long deadline = System.nanoTime() + config.timeout().plusSeconds(2).toNanos();
        while ((polling.get() || inFlight.get() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (inFlight.get() > 0) {
            Log.warnf("%d webhook deliveries still in flight at shutdown; another replica retries them after their "
                    + "lease", inFlight.get());
        }
    }

    /** New deliveries were recorded: look for due ones now rather than at the next poll. */
    public void kick() {
        kicked.set(true);
        poll();
    }

    /**
     * One poll at a time per replica; a full batch is followed at once by the next, and a kick during a poll makes it
     * go round once more. A slow receiver delays the next poll, it does not pile them up.
     */
    private void poll() {
        if (client == null || stopping || !polling.compareAndSet(false, true)) {
            return;
        }
        kicked.set(false);
        // The lease outlasts the POST's timeout, so no other replica takes the delivery while it is in flight.
        Duration lease = config.timeout().multipliedBy(2).plusSeconds(5);
        store.claimDue(config.batchSize(), lease).onItem()
                .transformToUni(claimed -> Multi.createFrom().iterable(claimed).onItem()
                        .transformToUniAndMerge(this::deliver).collect().last().replaceWith(claimed.size()))
                .subscribe().with(claimed -> {
                    polling.set(false);
                    if (claimed >= config.batchSize() || kicked.get()) {
                        poll();
                    }
                }, failure -> {
                    polling.set(false);
                    Log.warnf("Webhook poll failed: %s", failure.getMessage());
                });
    }

    private Uni<Void> deliver(WebhookStore.Claimed delivery) {
        return Uni.createFrom().deferred(() -> post(delivery)).onItemOrFailure().transformToUni((status, failure) -> {
            if (failure == null && status >= 200 && status < 300) {
                return store.delivered(delivery.id(), status);
            }
            String error = failure != null ? String.valueOf(failure.getMessage()) : "HTTP " + status;
            Duration retryIn = delivery.attempts() >= config.maxAttempts() ? null
                    : config.backoffBase().multipliedBy(1L << Math.min(delivery.attempts() - 1, 20));
            return store.failed(delivery.id(), failure == null ? status : null, error, retryIn);
        }).onFailure().invoke(f -> Log.warnf("Could not record webhook delivery %s: %s", delivery.id(), f.getMessage()))
                .onFailure().recoverWithNull().eventually(() -> {
                    inFlight.decrementAndGet();
                });
    }

    /**
     * Resolves and checks the host off the event loop, then POSTs to that very address (the Host header keeps the
     * name).
     */
    private Uni<Integer> post(WebhookStore.Claimed delivery) {
        URI url = URI.create(delivery.url());
        return Uni.createFrom().item(() -> resolve(url.getHost()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(address -> {
                    String signature = WebhookSignature.header(delivery.secret(), Instant.now().getEpochSecond(),
                            delivery.body());
                    boolean https = "https".equalsIgnoreCase(url.getScheme());
                    int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
                    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                            .setAbsoluteURI(delivery.url())
                            .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                            .setFollowRedirects(false).setIdleTimeout(config.timeout().toMillis())
                            .putHeader("Content-Type", CloudEvent.CONTENT_TYPE)
                            .putHeader(WebhookSignature.HEADER, signature)
                            .putHeader("User-Agent", "Switchboard-Webhooks/1");
                    return client.request(options).chain(request -> request.send(delivery.body()))
                            .chain(response -> response.body().map(ignored -> response.statusCode()));
                }).ifNoItem().after(config.timeout()).fail();
    }

    private InetAddress resolve(String host) {
        try {
            return addresses.resolve(host);
        } catch (UnknownHostException e) {
            throw new ForbiddenAddressException("The webhook's host " + host + " does not resolve.");
        }
    }
}
