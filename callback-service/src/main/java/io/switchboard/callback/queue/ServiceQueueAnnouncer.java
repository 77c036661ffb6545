package io.switchboard.callback.queue;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.queue.ServiceQueueEvents;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Announces every queue whose current state was never announced, however it was written (the demo seed, an operator's
 * SQL, queues that predate the announcements), as {@link ServiceQueueEvents#CHANGED}: a row whose {@code announced_at}
 * differs from its {@code updated_at} is announced and marked in one transaction. The admin API announces its own
 * writes at once (and marks them); this catches the rest, at start-up and then every few seconds. {@code SKIP LOCKED}
 * keeps replicas from announcing a row twice at once; a repeat would be harmless anyway, since readers ignore a change
 * no newer than what they hold.
 */
@ApplicationScoped
public class ServiceQueueAnnouncer {

    private final Outbox outbox;

    public ServiceQueueAnnouncer(Outbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(every = "${switchboard.callback.queue-announcement-interval:5s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announceUnannounced() {
        return announce().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.debugf("Service queue announcement failed, retrying on the next run: %s", failure.toString());
            return null;
        });
    }

    /** Announces the queues changed without an announcement since the last run; returns how many. */
    Uni<Integer> announce() {
        return outbox.inTransaction(tx -> tx
                .preparedQuery("SELECT tenant_id, id, name, time_zone, created_at, updated_at FROM service_queue"
                        + " WHERE announced_at IS DISTINCT FROM updated_at LIMIT 100 FOR UPDATE SKIP LOCKED")
                .execute()
                .flatMap(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate((Row row) -> {
                    String tenantId = row.getString("tenant_id");
                    long id = row.getLong("id");
                    OffsetDateTime updatedAt = row.getOffsetDateTime("updated_at");
                    return outbox
                            .append(tx, ServiceQueueEvents.CHANGED, ServiceQueueAdminService.key(tenantId, id),
                                    Long.toString(id), tenantId,
                                    new ServiceQueueEvents.ServiceQueueChanged(id, row.getString("name"),
                                            row.getString("time_zone"), row.getOffsetDateTime("created_at"), updatedAt))
                            .flatMap(event -> tx
                                    .preparedQuery("UPDATE service_queue SET announced_at = $3"
                                            + " WHERE tenant_id = $1 AND id = $2")
                                    .execute(Tuple.of(tenantId, id, updatedAt)));
                }).collect().asList().map(List::size)));
    }
}
