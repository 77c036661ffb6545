package io.switchboard.campaign.readmodel;

import java.time.OffsetDateTime;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * campaign-service's read model of service queues ({@code service_queue}), written only from callback-service's
 * {@code switchboard.service-queue-events}. Applying a change or deletion is idempotent and ordering-safe: one older
 * than the newest already applied (its {@code updatedAt} / {@code deletedAt}) changes nothing, and a deleted queue
 * keeps a tombstone so that a late, older change cannot bring it back.
 */
@ApplicationScoped
public class ServiceQueueRepository {

    private final Pool pool;

    public ServiceQueueRepository(Pool pool) {
        this.pool = pool;
    }

    /** The queue, or null when the tenant has no such queue (never announced, or deleted). */
    public Uni<ServiceQueue> find(SqlClient client, String tenantId, long id) {
        return client
                .preparedQuery("SELECT tenant_id, id, name, time_zone, created_at, updated_at FROM service_queue"
                        + " WHERE tenant_id = $1 AND id = $2 AND NOT deleted")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.iterator().hasNext() ? of(rows.iterator().next()) : null);
    }

    public Uni<ServiceQueue> find(String tenantId, long id) {
        return find(pool, tenantId, id);
    }

    /**
     * The queue, share-locked until the transaction ends (so that a deletion waits for a queue event being applied and
     * cannot leave live state behind), or null when the tenant has no such queue.
     */
    public Uni<ServiceQueue> findShared(SqlClient tx, String tenantId, long id) {
        return tx
                .preparedQuery("SELECT tenant_id, id, name, time_zone, created_at, updated_at FROM service_queue"
                        + " WHERE tenant_id = $1 AND id = $2 AND NOT deleted FOR SHARE")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.iterator().hasNext() ? of(rows.iterator().next()) : null);
    }

    /** As {@link #findShared}, failing with {@link UnknownServiceQueueException} when the tenant has no such queue. */
    public Uni<ServiceQueue> require(SqlClient tx, String tenantId, long id) {
        return findShared(tx, tenantId, id).onItem().ifNull().failWith(() -> new UnknownServiceQueueException(id));
    }

    /** @return true when the change was applied, false when a newer change or deletion was already applied */
    public Uni<Boolean> changed(String tenantId, long id, String name, String timeZone, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        return pool
                .preparedQuery("INSERT INTO service_queue AS q (tenant_id, id, name, time_zone, created_at, updated_at,"
                        + " deleted) VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT (tenant_id, id) DO UPDATE SET"
                        + " name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, created_at = EXCLUDED.created_at,"
                        + " updated_at = EXCLUDED.updated_at, deleted = false"
                        // a deletion at the same instant as a change wins: it is the later of the two in the owner
                        + " WHERE q.updated_at < EXCLUDED.updated_at OR (q.updated_at = EXCLUDED.updated_at AND NOT"
                        + " q.deleted)")
                .execute(Tuple.from(Arrays.asList(tenantId, id, name, timeZone, createdAt, updatedAt)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Deletes the queue (a tombstone) and, when it existed, its live state: calls waiting, rate history, manual EWT and
     * EWT accuracy, so that a queue created later under the same id starts empty. The campaign's hourly and daily
     * statistics stay (they are the campaign's).
     *
     * @return true when the queue existed and is now deleted
     */
    public Uni<Boolean> deleted(String tenantId, long id, OffsetDateTime deletedAt) {
        return pool.withTransaction(
                tx -> tx.preparedQuery("SELECT deleted FROM service_queue WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                        .execute(Tuple.of(tenantId, id)).flatMap(before -> {
                            boolean existed = before.iterator().hasNext() && !before.iterator().next().getBoolean(0);
                            return tx
                                    .preparedQuery("INSERT INTO service_queue AS q (tenant_id, id, updated_at, deleted)"
                                            + " VALUES ($1, $2, $3, true) ON CONFLICT (tenant_id, id) DO UPDATE SET deleted = true,"
                                            + " updated_at = EXCLUDED.updated_at WHERE q.updated_at <= EXCLUDED.updated_at")
                                    .execute(Tuple.of(tenantId, id, deletedAt))
                                    .flatMap(applied -> applied.rowCount() == 1 && existed
                                            ? dropLiveState(tx, tenantId, id).replaceWith(true)
                                            : Uni.createFrom().item(false));
                        }));
    }

    private static Uni<Void> dropLiveState(SqlClient tx, String tenantId, long id) {
        Tuple key = Tuple.of(tenantId, id);
        return tx.preparedQuery("DELETE FROM waiting_call WHERE tenant_id = $1 AND campaign_id = $2").execute(key)
                .flatMap(
                        ignored -> tx.preparedQuery("DELETE FROM queue_state WHERE tenant_id = $1 AND campaign_id = $2")
                                .execute(key))
                .flatMap(ignored -> tx
                        .preparedQuery("DELETE FROM ewt_accuracy WHERE tenant_id = $1 AND campaign_id = $2")
                        .execute(key))
                .replaceWithVoid();
    }

    private static ServiceQueue of(Row row) {
        return new ServiceQueue(row.getString("tenant_id"), row.getLong("id"), row.getString("name"),
                row.getString("time_zone"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
