package io.switchboard.campaign.user;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.campaign.CampaignRepository;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class UserRepository {

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<User> find(String tenantId, long id) {
        return find(pool, tenantId, id);
    }

    public Uni<User> find(SqlClient client, String tenantId, long id) {
        return client.preparedQuery("SELECT " + User.COLUMNS + " FROM app_user WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(UserRepository::first);
    }

    /**
     * Up to {@code limit} users after {@code afterId}, by id, optionally only of one type and one account state.
     */
    public Uni<List<User>> list(String tenantId, long afterId, String userType, Boolean active, int limit) {
        return pool
                .preparedQuery("SELECT " + User.COLUMNS + " FROM app_user WHERE tenant_id = $1 AND id > $2"
                        + " AND ($3::text IS NULL OR user_type = $3) AND ($4::boolean IS NULL OR active = $4)"
                        + " ORDER BY id LIMIT $5")
                .execute(Tuple.from(java.util.Arrays.asList(tenantId, afterId, userType, active, limit))).map(rows -> {
                    List<User> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(User.of(row));
                    }
                    return list;
                });
    }

    /** @return the user, or null when the id is taken */
    public Uni<User> insert(SqlClient tx, String tenantId, Long id, String name, String email, String userType,
            boolean active, Long campaignId) {
        String idValue = id == null
                ? "(SELECT COALESCE(MAX(id), 0) + 1 FROM app_user WHERE tenant_id = $1 AND id < "
                        + CampaignRepository.GENERATED_ID_CEILING + ")"
                : "$7";
        List<Object> values = new ArrayList<>(
                java.util.Arrays.asList(tenantId, name, email, userType, active, campaignId));
        if (id != null) {
            values.add(id);
        }
        return tx.preparedQuery("INSERT INTO app_user (tenant_id, id, name, email, user_type, active, campaign_id)"
                + " VALUES ($1, " + idValue + ", $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING " + User.COLUMNS)
                .execute(Tuple.from(values)).map(UserRepository::first);
    }

    /** @return the updated user, or null when there is none with that id */
    public Uni<User> update(SqlClient tx, String tenantId, long id, String name, String email, String userType,
            boolean active, Long campaignId) {
        return tx.preparedQuery("UPDATE app_user SET name = $3, email = $4, user_type = $5, active = $6,"
                + " campaign_id = $7, updated_at = now() WHERE tenant_id = $1 AND id = $2 RETURNING " + User.COLUMNS)
                .execute(Tuple.from(java.util.Arrays.asList(tenantId, id, name, email, userType, active, campaignId)))
                .map(UserRepository::first);
    }

    /** @return whether there was such a user */
    public Uni<Boolean> delete(SqlClient tx, String tenantId, long id) {
        return tx.preparedQuery("DELETE FROM app_user WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, id))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Sets an agent's presence (and the campaign it serves, when given) inside the caller's transaction. */
    /**
     * An agent's presence after a report, and whether the report changed it.
     *
     * @param changed
     *            the agent's availability or campaign differs from before the report
     */
    public record Presence(User agent, boolean changed) {
    }

    /** @return null when the tenant has no such agent */
    public Uni<Presence> setPresence(SqlClient client, String tenantId, long agentId, boolean available,
            Long campaignId, OffsetDateTime at) {
        return client.preparedQuery("WITH before AS (SELECT available AS was_available, campaign_id AS was_campaign_id"
                + " FROM app_user WHERE tenant_id = $1 AND id = $2 AND user_type = 'agent' FOR UPDATE)"
                + " UPDATE app_user SET available = $3, campaign_id = COALESCE($4, campaign_id), presence_at = $5,"
                + " updated_at = now() FROM before WHERE tenant_id = $1 AND id = $2 AND user_type = 'agent'"
                + " RETURNING " + User.COLUMNS + ", was_available IS DISTINCT FROM available"
                + " OR was_campaign_id IS DISTINCT FROM campaign_id AS changed")
                .execute(Tuple.from(java.util.Arrays.asList(tenantId, agentId, available, campaignId, at)))
                .map(rows -> rows.iterator().hasNext() ? presence(rows.iterator().next()) : null);
    }

    private static Presence presence(Row row) {
        return new Presence(User.of(row), row.getBoolean("changed"));
    }

    /** Agents staffing a campaign now: active, available and assigned to it. */
    public Uni<Integer> staffing(SqlClient client, String tenantId, long campaignId) {
        return client
                .preparedQuery("SELECT count(*) FROM app_user WHERE tenant_id = $1 AND campaign_id = $2"
                        + " AND available AND active AND user_type = 'agent'")
                .execute(Tuple.of(tenantId, campaignId)).map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Agents assigned to a campaign, and how many of them are available. */
    public Uni<int[]> agentCounts(String tenantId, long campaignId) {
        return pool
                .preparedQuery("SELECT count(*), count(*) FILTER (WHERE available) FROM app_user WHERE tenant_id = $1"
                        + " AND campaign_id = $2 AND active AND user_type = 'agent'")
                .execute(Tuple.of(tenantId, campaignId)).map(rows -> {
                    Row row = rows.iterator().next();
                    return new int[] { row.getInteger(0), row.getInteger(1) };
                });
    }

    private static User first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? User.of(rows.iterator().next()) : null;
    }
}
