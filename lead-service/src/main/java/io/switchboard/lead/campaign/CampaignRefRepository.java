package io.switchboard.lead.campaign;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The campaign read model. Changes apply only when they are not older than what is stored, so a redelivered or late
 * event never undoes a newer one, and a deleted campaign stays deleted.
 */
@ApplicationScoped
public class CampaignRefRepository {

    private final Pool pool;

    public CampaignRefRepository(Pool pool) {
        this.pool = pool;
    }

    /** @return the campaign, or null when the tenant has none with that id (or it was deleted) */
    public Uni<CampaignRef> find(String tenantId, long id) {
        return find(pool, tenantId, id);
    }

    public Uni<CampaignRef> find(SqlClient client, String tenantId, long id) {
        return client
                .preparedQuery("SELECT tenant_id, id, name, time_zone, active FROM campaign_ref"
                        + " WHERE tenant_id = $1 AND id = $2 AND NOT deleted")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.iterator().hasNext() ? CampaignRef.of(rows.iterator().next()) : null);
    }

    public Uni<Void> changed(String tenantId, long id, String name, String timeZone, boolean active,
            OffsetDateTime at) {
        return pool.preparedQuery("INSERT INTO campaign_ref (tenant_id, id, name, time_zone, active, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name,"
                + " time_zone = EXCLUDED.time_zone, active = EXCLUDED.active, deleted = false,"
                + " updated_at = EXCLUDED.updated_at WHERE NOT campaign_ref.deleted"
                + " AND campaign_ref.updated_at <= EXCLUDED.updated_at")
                .execute(Tuple.from(java.util.List.of(tenantId, id, name, timeZone, active, at))).replaceWithVoid();
    }

    public Uni<Void> deleted(String tenantId, long id, OffsetDateTime at) {
        return pool.preparedQuery("INSERT INTO campaign_ref (tenant_id, id, name, time_zone, deleted, updated_at)"
                + " VALUES ($1, $2, '', 'UTC', true, $3) ON CONFLICT (tenant_id, id) DO UPDATE SET deleted = true,"
                + " updated_at = GREATEST(campaign_ref.updated_at, EXCLUDED.updated_at)")
                .execute(Tuple.of(tenantId, id, at)).replaceWithVoid();
    }
}
