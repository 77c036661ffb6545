package io.switchboard.campaign.campaign;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class CampaignRepository {

    /**
     * The ids a client may choose for a campaign (or user): 1 to 2,147,483,647, the range of the legacy contracts'
     * {@code serviceQueue} and agent ids.
     */
    public static final long MAX_CLIENT_ID = Integer.MAX_VALUE;

    /**
     * Generated ids follow the highest id below this (2^62); only rows written before client ids were limited can lie
     * above it, and they no longer make the next generated id overflow.
     */
    public static final long GENERATED_ID_CEILING = 1L << 62;

    private static final String COLUMNS = "tenant_id, id, name, direction, active, time_zone, created_at, updated_at";

    private final Pool pool;

    public CampaignRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Campaign> find(String tenantId, long id) {
        return find(pool, tenantId, id);
    }

    public Uni<Campaign> find(SqlClient client, String tenantId, long id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.iterator().hasNext() ? Campaign.of(rows.iterator().next()) : null);
    }

    /** Up to {@code limit} campaigns after {@code afterId}, by id. */
    public Uni<List<Campaign>> list(String tenantId, long afterId, int limit) {
        return pool.preparedQuery(
                "SELECT " + COLUMNS + " FROM campaign WHERE tenant_id = $1 AND id > $2 ORDER BY id" + " LIMIT $3")
                .execute(Tuple.of(tenantId, afterId, limit)).map(rows -> {
                    List<Campaign> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(Campaign.of(row));
                    }
                    return list;
                });
    }

    /** @return the campaign, or null when the id is taken */
    public Uni<Campaign> insert(SqlClient tx, String tenantId, Long id, String name, Direction direction,
            boolean active, String timeZone) {
        String idValue = id == null
                ? "(SELECT COALESCE(MAX(id), 0) + 1 FROM campaign WHERE tenant_id = $1 AND id < " + GENERATED_ID_CEILING
                        + ")"
                : "$6";
        return tx
                .preparedQuery("INSERT INTO campaign (tenant_id, id, name, direction, active, time_zone) VALUES ($1, "
                        + idValue + ", $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
                .execute(id == null ? Tuple.of(tenantId, name, direction.name(), active, timeZone)
                        : Tuple.of(tenantId, name, direction.name(), active, timeZone, id))
                .map(rows -> rows.iterator().hasNext() ? Campaign.of(rows.iterator().next()) : null);
    }

    /** @return the updated campaign, or null when there is none with that id */
    public Uni<Campaign> update(SqlClient tx, String tenantId, long id, String name, Direction direction,
            boolean active, String timeZone) {
        return tx
                .preparedQuery("UPDATE campaign SET name = $3, direction = $4, active = $5, time_zone = $6,"
                        + " updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(List.of(tenantId, id, name, direction.name(), active, timeZone)))
                .map(rows -> rows.iterator().hasNext() ? Campaign.of(rows.iterator().next()) : null);
    }

    /** What {@link #delete} found. */
    public enum Deletion {
        DELETED, NOT_FOUND, CALLS_WAITING
    }

    /**
     * Deletes a campaign with its queue state, statistics and EWT accuracy, and unassigns its agents, in the caller's
     * transaction, locking the queue's state row (so no queue event applies half way). Refused while calls wait.
     */
    public Uni<Deletion> delete(SqlClient tx, String tenantId, long id) {
        Tuple key = Tuple.of(tenantId, id);
        return tx.preparedQuery("SELECT 1 FROM campaign WHERE tenant_id = $1 AND id = $2 FOR UPDATE").execute(key)
                .flatMap(found -> {
                    if (!found.iterator().hasNext()) {
                        return Uni.createFrom().item(Deletion.NOT_FOUND);
                    }
                    return tx.preparedQuery(
                            "SELECT 1 FROM queue_state WHERE tenant_id = $1 AND campaign_id = $2" + " FOR UPDATE")
                            .execute(key)
                            .flatMap(locked -> tx.preparedQuery(
                                    "SELECT count(*) FROM waiting_call WHERE tenant_id = $1 AND campaign_id = $2")
                                    .execute(key))
                            .flatMap(waiting -> waiting.iterator().next().getLong(0) > 0
                                    ? Uni.createFrom().item(Deletion.CALLS_WAITING)
                                    : deleteRows(tx, key).replaceWith(Deletion.DELETED));
                });
    }

    private static Uni<Void> deleteRows(SqlClient tx, Tuple key) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String sql : List.of("DELETE FROM queue_period_stats WHERE tenant_id = $1 AND campaign_id = $2",
                "DELETE FROM ewt_accuracy WHERE tenant_id = $1 AND campaign_id = $2",
                "DELETE FROM queue_state WHERE tenant_id = $1 AND campaign_id = $2",
                "UPDATE app_user SET campaign_id = NULL, available = false, updated_at = now()"
                        + " WHERE tenant_id = $1 AND campaign_id = $2",
                "DELETE FROM campaign WHERE tenant_id = $1 AND id = $2")) {
            chain = chain.flatMap(ignored -> tx.preparedQuery(sql).execute(key).replaceWithVoid());
        }
        return chain;
    }
}
