package io.switchboard.lead.list;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ListRepository {

    private final Pool pool;

    public ListRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<LeadList> find(String tenantId, long id) {
        return find(pool, tenantId, id);
    }

    public Uni<LeadList> find(SqlClient client, String tenantId, long id) {
        return client
                .preparedQuery("SELECT " + LeadList.COLUMNS + LeadList.FROM + " WHERE l.tenant_id = $1 AND l.id = $2")
                .execute(Tuple.of(tenantId, id)).map(ListRepository::first);
    }

    /** Up to {@code limit} lists after {@code afterId}, by id, optionally of one campaign. */
    public Uni<List<LeadList>> list(String tenantId, long afterId, Long campaignId, int limit) {
        return pool
                .preparedQuery("SELECT " + LeadList.COLUMNS + LeadList.FROM + " WHERE l.tenant_id = $1 AND l.id > $2"
                        + " AND ($3::bigint IS NULL OR l.campaign_id = $3) ORDER BY l.id LIMIT $4")
                .execute(Tuple.from(Arrays.asList(tenantId, afterId, campaignId, limit))).map(rows -> {
                    List<LeadList> lists = new ArrayList<>();
                    rows.forEach(row -> lists.add(LeadList.of(row)));
                    return lists;
                });
    }

    public Uni<LeadList> insert(SqlClient tx, String tenantId, String name, long campaignId, boolean defaultList) {
        return tx
                .preparedQuery("WITH l AS (INSERT INTO lead_list (tenant_id, name, campaign_id, default_list)"
                        + " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING *) SELECT " + LeadList.COLUMNS
                        + " FROM l LEFT JOIN campaign_ref c ON c.tenant_id = l.tenant_id AND c.id = l.campaign_id")
                .execute(Tuple.of(tenantId, name, campaignId, defaultList)).map(ListRepository::first);
    }

    /** The campaign's default list, or null when it has none yet. */
    public Uni<LeadList> findDefault(SqlClient client, String tenantId, long campaignId) {
        return client
                .preparedQuery("SELECT " + LeadList.COLUMNS + LeadList.FROM
                        + " WHERE l.tenant_id = $1 AND l.campaign_id = $2 AND l.default_list")
                .execute(Tuple.of(tenantId, campaignId)).map(ListRepository::first);
    }

    private static LeadList first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? LeadList.of(rows.iterator().next()) : null;
    }
}
