package io.switchboard.common.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox's clock: relays what kicks missed and removes rows published long ago. It stays idle until the application
 * has started, because the relay's Kafka emitter is connected only then (on a slow start a poll could otherwise come
 * first).
 */
@ApplicationScoped
public class OutboxPoller {

    private final OutboxRelay relay;
    private final Pool pool;
    private final int retentionHours;
    private volatile boolean started;

    public OutboxPoller(OutboxRelay relay, Pool pool,
            @ConfigProperty(name = "switchboard.outbox.retention-hours", defaultValue = "168") int retentionHours) {
        this.relay = relay;
        this.pool = pool;
        this.retentionHours = retentionHours;
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
