package io.switchboard.lead.campaign;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.lead.LeadConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Campaigns' dialling policies; a campaign without one dials by the configured defaults. */
@ApplicationScoped
public class DiallingPolicyRepository {

    private final Pool pool;
    private final DiallingPolicy defaults;

    public DiallingPolicyRepository(Pool pool, LeadConfig config) {
        this.pool = pool;
        this.defaults = DiallingPolicy.defaults(config.dialling());
    }

    public DiallingPolicy defaults() {
        return defaults;
    }

    public Uni<DiallingPolicy> find(String tenantId, long campaignId) {
        return find(pool, tenantId, campaignId);
    }

    public Uni<DiallingPolicy> find(SqlClient client, String tenantId, long campaignId) {
        return client
                .preparedQuery("SELECT window_start, window_end, retry_minutes, max_attempts, completing_statuses,"
                        + " outcome_type FROM dialling_policy WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(tenantId, campaignId))
                .map(rows -> rows.iterator().hasNext() ? of(rows.iterator().next()) : defaults);
    }

    public Uni<DiallingPolicy> save(String tenantId, long campaignId, DiallingPolicy p) {
        return pool.preparedQuery("INSERT INTO dialling_policy (tenant_id, campaign_id, window_start, window_end,"
                + " retry_minutes, max_attempts, completing_statuses, outcome_type) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                + " $8) ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET window_start = EXCLUDED.window_start,"
                + " window_end = EXCLUDED.window_end, retry_minutes = EXCLUDED.retry_minutes,"
                + " max_attempts = EXCLUDED.max_attempts, completing_statuses = EXCLUDED.completing_statuses,"
                + " outcome_type = EXCLUDED.outcome_type, updated_at = now()")
                .execute(Tuple.from(List.of(tenantId, campaignId, p.windowStart(), p.windowEnd(), p.retryMinutes(),
                        p.maxAttempts(), p.completingStatuses().toArray(Integer[]::new), p.outcomeType())))
                .replaceWith(p);
    }

    private static DiallingPolicy of(Row row) {
        return new DiallingPolicy(row.getLocalTime("window_start"), row.getLocalTime("window_end"),
                row.getInteger("retry_minutes"), row.getInteger("max_attempts"),
                Arrays.asList(row.getArrayOfIntegers("completing_statuses")), row.getString("outcome_type"));
    }
}
