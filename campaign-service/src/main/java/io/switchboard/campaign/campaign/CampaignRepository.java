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
    public Uni<Campaign> insert(String tenantId, Long id, String name, Direction direction, boolean active,
            String timeZone) {
        String idValue = id == null ? "(SELECT COALESCE(MAX(id), 0) + 1 FROM campaign WHERE tenant_id = $1)" : "$6";
        return pool
                .preparedQuery("INSERT INTO campaign (tenant_id, id, name, direction, active, time_zone) VALUES ($1, "
                        + idValue + ", $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
                .execute(id == null ? Tuple.of(tenantId, name, direction.name(), active, timeZone)
                        : Tuple.of(tenantId, name, direction.name(), active, timeZone, id))
                .map(rows -> rows.iterator().hasNext() ? Campaign.of(rows.iterator().next()) : null);
    }

    /** @return the updated campaign, or null when there is none with that id */
    public Uni<Campaign> update(String tenantId, long id, String name, Direction direction, boolean active,
            String timeZone) {
        return pool
                .preparedQuery("UPDATE campaign SET name = $3, direction = $4, active = $5, time_zone = $6,"
                        + " updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.from(List.of(tenantId, id, name, direction.name(), active, timeZone)))
                .map(rows -> rows.iterator().hasNext() ? Campaign.of(rows.iterator().next()) : null);
    }
}
