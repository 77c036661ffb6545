package io.switchboard.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox's clock: relays what kicks missed, measures how long the oldest unpublished event has waited (the gauge
 * {@value #AGE_METER}, exported as {@code switchboard_outbox_oldest_unpublished_age_seconds}, which the chart's
 * {@code SwitchboardOutboxLag} alert reads) and removes rows published long ago. It stays idle until the application
 * has started, because the relay's Kafka emitter is connected only then (on a slow start a poll could otherwise come
 * first).
 */
@ApplicationScoped
public class OutboxPoller {

    /** The meter's name; Prometheus adds the unit: {@code switchboard_outbox_oldest_unpublished_age_seconds}. */
    public static final String AGE_METER = "switchboard.outbox.oldest.unpublished.age";

    /**
     * One index-backed query: the partial index on unpublished rows is ordered by {@code seq}, and the lowest
     * {@code seq} is the oldest row (created_at defaults to the insert's now()).
     */
    private static final String OLDEST_UNPUBLISHED = "SELECT EXTRACT(EPOCH FROM now() - created_at) AS age"
            + " FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT 1";

    private final OutboxRelay relay;
    private final Pool pool;
    private final int retentionHours;
    private volatile boolean started;
    /** Seconds the oldest unpublished row has waited at the last measurement; 0 when the outbox is empty. */
    private volatile double oldestUnpublishedAge;

    public OutboxPoller(OutboxRelay relay, Pool pool,
            @ConfigProperty(name = "switchboard.outbox.retention-hours", defaultValue = "168") int retentionHours,
            MeterRegistry registry) {
        this.relay = relay;
        this.pool = pool;
        this.retentionHours = retentionHours;
        Gauge.builder(AGE_METER, this, poller -> poller.oldestUnpublishedAge).baseUnit("seconds")
                .description("How long the oldest event not yet relayed to Kafka has waited in the outbox")
                .strongReference(true).register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${switchboard.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (!started) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(relay::drain).onFailure().recoverWithItem(failure -> {
            Log.debugf("Outbox poll failed, retrying on the next poll: %s", failure.toString());
            return null;
        });
    }

    /**
     * Measures the outbox's lag every few seconds rather than at each scrape, so scrapes stay free and the database
     * sees one cheap query per replica and interval whatever scrapes. Runs even while the relay is stuck (that is what
     * it measures); a failed measurement keeps the last value.
     */
    @Scheduled(every = "${switchboard.outbox.age-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> measureAge() {
        return pool.query(OLDEST_UNPUBLISHED).execute().invoke(rows -> {
            var it = rows.iterator();
            oldestUnpublishedAge = it.hasNext() ? Math.max(0, it.next().getDouble("age")) : 0;
        }).replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.debugf("Outbox age measurement failed, retrying on the next one: %s", failure.toString());
            return null;
        });
    }

    /** Published rows are kept for a while for troubleshooting, then removed so the table stays small. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgePublished() {
        return pool.preparedQuery("DELETE FROM outbox_event WHERE published_at < now() - make_interval(hours => $1)")
                .execute(Tuple.of(retentionHours)).replaceWithVoid().onFailure().recoverWithItem(failure -> {
                    Log.debugf("Outbox purge failed, retrying in an hour: %s", failure.toString());
                    return null;
                });
    }
}
