package io.switchboard.lead.dialler;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class AttemptRepository {

    private final Pool pool;

    public AttemptRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Attempt> find(String tenantId, long id) {
        return find(pool, tenantId, id);
    }

    public Uni<Attempt> find(SqlClient client, String tenantId, long id) {
        return client
                .preparedQuery("SELECT " + Attempt.COLUMNS + Attempt.FROM + " WHERE a.tenant_id = $1 AND a.id = $2")
                .execute(Tuple.of(tenantId, id)).map(AttemptRepository::first);
    }

    /** The attempt a lease already reported, or null. */
    public Uni<Attempt> findByLease(SqlClient client, String tenantId, UUID leaseId) {
        return client
                .preparedQuery(
                        "SELECT " + Attempt.COLUMNS + Attempt.FROM + " WHERE a.tenant_id = $1 AND a.lease_id = $2")
                .execute(Tuple.of(tenantId, leaseId)).map(AttemptRepository::first);
    }

    public record Filter(Long campaignId, Long leadId, OffsetDateTime dialledFrom, OffsetDateTime dialledTo) {
    }

    public Uni<List<Attempt>> list(String tenantId, Filter f, long afterId, int limit) {
        return pool
                .preparedQuery("SELECT " + Attempt.COLUMNS + Attempt.FROM + " WHERE a.tenant_id = $1 AND a.id > $2"
                        + " AND ($3::bigint IS NULL OR a.campaign_id = $3) AND ($4::bigint IS NULL OR a.lead_id = $4)"
                        + " AND ($5::timestamptz IS NULL OR a.started_at >= $5)"
                        + " AND ($6::timestamptz IS NULL OR a.started_at <= $6) ORDER BY a.id LIMIT $7")
                .execute(Tuple.from(Arrays.asList(tenantId, afterId, f.campaignId(), f.leadId(), f.dialledFrom(),
                        f.dialledTo(), limit)))
                .map(rows -> {
                    List<Attempt> attempts = new ArrayList<>();
                    rows.forEach(row -> attempts.add(Attempt.of(row)));
                    return attempts;
                });
    }

    /** @return the new attempt's id */
    public Uni<Long> insert(SqlClient tx, String tenantId, long leadId, long campaignId, long listId, UUID leaseId,
            int phoneIndex, String phoneNumber, int dialStatusId, String dialStatusName, String type,
            OffsetDateTime startedAt, OffsetDateTime endedAt, Long agentId, long activityId, Long parentActivityId,
            Long rootActivityId) {
        return tx.preparedQuery("INSERT INTO lead_attempt (tenant_id, lead_id, campaign_id, list_id, lease_id,"
                + " phone_index, phone_number, dial_status_id, dial_status_name, type, started_at, ended_at, agent_id,"
                + " activity_id, parent_activity_id, root_activity_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
                + " $11, $12, $13, $14, $15, $16) RETURNING id")
                .execute(Tuple.from(Arrays.asList(tenantId, leadId, campaignId, listId, leaseId, phoneIndex,
                        phoneNumber, dialStatusId, dialStatusName, type, startedAt, endedAt, agentId, activityId,
                        parentActivityId, rootActivityId)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Records an attempt's outcome on its lead and ends the lease. */
    public Uni<Void> applyToLead(SqlClient tx, String tenantId, long leadId, int dialStatusId, String dialStatusName,
            OffsetDateTime attemptAt, long attemptId, long activityId, boolean completed,
            OffsetDateTime nextAttemptAt) {
        return tx
                .preparedQuery("UPDATE lead SET status_code = $3, status_description = $4, attempts = attempts + 1,"
                        + " last_attempt_at = $5, last_attempt_id = $6, last_activity_id = $7,"
                        + " root_activity_id = COALESCE(root_activity_id, $7), completed = completed OR $8,"
                        + " completed_at = CASE WHEN $8 AND NOT completed THEN now() ELSE completed_at END,"
                        + " next_attempt_at = $9, lease_id = NULL, lease_holder = NULL, lease_expires_at = NULL,"
                        + " updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.from(Arrays.asList(tenantId, leadId, dialStatusId, dialStatusName, attemptAt, attemptId,
                        activityId, completed, nextAttemptAt)))
                .replaceWithVoid();
    }

    private static Attempt first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Attempt.of(rows.iterator().next()) : null;
    }
}
