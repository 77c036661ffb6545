package io.switchboard.callback.metrics;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.CallbackStates;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The business metrics of callback-service at {@code /q/metrics}: callback requests by outcome, and the due backlog,
 * callbacks a dialler could claim now and has not. The backlog is read from the database every few seconds (not per
 * scrape), so every replica shows the same figure.
 */
@ApplicationScoped
public class CallbackMetrics {

    /** Outcome of a request that was stored. */
    public static final String ACCEPTED = "accepted";
    /** Outcome of a request answered with the callback already waiting for the same number and queue. */
    public static final String DUPLICATE = "duplicate";
    /** Outcome of a request that could not be stored because a dependency was unreachable. */
    public static final String UNAVAILABLE = "unavailable";

    private final MeterRegistry registry;
    private final Pool pool;
    private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();

    public CallbackMetrics(MeterRegistry registry, Pool pool) {
        this.registry = registry;
        this.pool = pool;
    }

    /**
     * Counts a callback request, through whichever API it came.
     *
     * @param outcome
     *            {@link #ACCEPTED}, {@link #DUPLICATE}, {@link #UNAVAILABLE} or a rejection reason
     */
    public void requested(String tenantId, String outcome) {
        Counter.builder("switchboard.callbacks.requested").description("Callback requests, by outcome")
                .tags(Tags.of("tenant", tenantId, "outcome", outcome)).register(registry).increment();
    }

    @Scheduled(every = "${switchboard.callback.metrics-refresh:10s}", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshBacklog() {
        return pool.preparedQuery("SELECT tenant_id, count(*) FROM callback WHERE (" + CallbackStates.claimable("$1")
                + ") GROUP BY tenant_id").execute(Tuple.of(OffsetDateTime.now())).invoke(rows -> {
                    Map<String, Long> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                    // A tenant whose backlog emptied shows 0, not its last figure.
                    backlog.keySet().forEach(tenant -> counts.putIfAbsent(tenant, 0L));
                    counts.forEach(
                            (tenant, count) -> backlog.computeIfAbsent(tenant, this::registerBacklog).set(count));
                }).onFailure().invoke(e -> Log.debugf("Due backlog not refreshed: %s", e.getMessage())).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    private AtomicLong registerBacklog(String tenant) {
        AtomicLong value = new AtomicLong();
        Gauge.builder("switchboard.callbacks.due.backlog", value, AtomicLong::get)
                .description("Callbacks due now or overdue that no dialler has claimed").tags(Tags.of("tenant", tenant))
                .register(registry);
        return value;
    }
}
