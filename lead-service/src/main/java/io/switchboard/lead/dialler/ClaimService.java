package io.switchboard.lead.dialler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.campaign.CampaignRefRepository;
import io.switchboard.lead.campaign.DiallingPolicy;
import io.switchboard.lead.campaign.DiallingPolicyRepository;
import io.switchboard.lead.lead.Lead;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Leases a campaign's next leads to diallers. A lead is handed out when it is due ({@code nextAttemptTimestamp} passed
 * or none), not complete, in a list that is in the dialler, not leased to someone else, inside the campaign's calling
 * window in the lead's own time zone, and has at least one number that is not on the tenant's do-not-call list (numbers
 * on it are left out of the claim). The rows are locked with {@code FOR UPDATE SKIP LOCKED} in the claiming
 * transaction, so concurrent claims, from any number of replicas, skip each other's leads instead of waiting for them
 * or taking them twice.
 */
@ApplicationScoped
public class ClaimService {

    /** Local time of the lead: its own zone, else its campaign's ($5). */
    private static final String LOCAL_TIME = "(now() AT TIME ZONE COALESCE(l.time_zone, $5))::time";

    private static final String CLAIM = "WITH due AS (SELECT l.tenant_id, l.id FROM lead l JOIN lead_list li"
            + " ON li.tenant_id = l.tenant_id AND li.id = l.list_id AND li.in_dialler"
            + " WHERE l.tenant_id = $1 AND l.campaign_id = $2 AND NOT l.completed"
            + " AND (l.next_attempt_at IS NULL OR l.next_attempt_at <= now())"
            + " AND (l.lease_expires_at IS NULL OR l.lease_expires_at <= now())"
            + " AND CASE WHEN $3::time <= $4::time THEN " + LOCAL_TIME + " >= $3::time AND " + LOCAL_TIME
            + " < $4::time ELSE " + LOCAL_TIME + " >= $3::time OR " + LOCAL_TIME + " < $4::time END"
            + " AND EXISTS (SELECT 1 FROM unnest(ARRAY[l.phone1, l.phone2, l.phone3]) AS p(phone)"
            + " WHERE p.phone IS NOT NULL AND NOT EXISTS (SELECT 1 FROM do_not_call d WHERE d.tenant_id = l.tenant_id"
            + " AND d.phone = p.phone))"
            + " ORDER BY l.next_attempt_at NULLS FIRST, l.id LIMIT $6 FOR UPDATE OF l SKIP LOCKED)"
            + " UPDATE lead l SET lease_id = gen_random_uuid(), lease_holder = $7,"
            + " lease_expires_at = now() + make_interval(secs => $8), updated_at = now()"
            + " FROM due WHERE l.tenant_id = due.tenant_id AND l.id = due.id RETURNING l.id";

    private final CampaignRefRepository campaigns;
    private final DiallingPolicyRepository policies;
    private final Outbox outbox;

    public ClaimService(CampaignRefRepository campaigns, DiallingPolicyRepository policies, Outbox outbox) {
        this.campaigns = campaigns;
        this.policies = policies;
        this.outbox = outbox;
    }

    /**
     * A claimed lead and the numbers a dialler may call.
     *
     * @param blockedPhones
     *            numbers of the lead on the do-not-call list, left out of the claim
     */
    public record Claimed(Lead lead, Set<String> blockedPhones) {
    }

    /** Claims up to {@code max} of the campaign's leads; none due is an empty list. */
    public Uni<List<Claimed>> claim(String tenantId, long campaignId, int max, int leaseSeconds, String holder) {
        return outbox.inTransaction(tx -> campaigns.find(tx, tenantId, campaignId).onItem().ifNull()
                .failWith(() -> LeadException.notFound("No campaign with id " + campaignId + "."))
                .flatMap(campaign -> policies.find(tx, tenantId, campaignId).flatMap(policy -> lease(tx, tenantId,
                        campaignId, campaign.timeZone(), policy, max, leaseSeconds, holder))));
    }

    private Uni<List<Claimed>> lease(SqlClient tx, String tenantId, long campaignId, String campaignZone,
            DiallingPolicy policy, int max, int leaseSeconds, String holder) {
        return tx.preparedQuery(CLAIM).execute(Tuple.from(Arrays.asList(tenantId, campaignId, policy.windowStart(),
                policy.windowEnd(), campaignZone, max, holder, (double) leaseSeconds))).flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<Claimed> of());
                    }
                    return tx.preparedQuery("SELECT " + Lead.COLUMNS + ", ARRAY(SELECT d.phone FROM do_not_call d"
                            + " WHERE d.tenant_id = l.tenant_id AND d.phone IN (l.phone1, l.phone2, l.phone3))"
                            + " AS blocked" + Lead.FROM
                            + " WHERE l.tenant_id = $1 AND l.id = ANY($2) ORDER BY l.next_attempt_at NULLS FIRST, l.id")
                            .execute(Tuple.of(tenantId, ids.toArray(Long[]::new))).map(leads -> {
                                List<Claimed> claimed = new ArrayList<>();
                                for (Row row : leads) {
                                    claimed.add(new Claimed(Lead.of(row),
                                            new HashSet<>(Arrays.asList(row.getArrayOfStrings("blocked")))));
                                }
                                return claimed;
                            });
                });
    }
}
