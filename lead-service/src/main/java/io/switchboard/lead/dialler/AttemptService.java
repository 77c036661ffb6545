package io.switchboard.lead.dialler;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.common.ids.PlatformIds;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.campaign.DiallingPolicyRepository;
import io.switchboard.lead.lead.Lead;
import io.switchboard.lead.lead.LeadRepository;
import io.switchboard.lead.lead.LeadService;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Records what a dialler reports about one call to a lead: the attempt (under a freshly minted platform-wide activity
 * id), the lead's new status, its next due time or completion by the campaign's policy, the end of the lease, and the
 * {@link LeadEvents#ATTEMPT_RECORDED} event crm-service turns into an activity, all in one transaction.
 */
@ApplicationScoped
public class AttemptService {

    private final LeadRepository leads;
    private final AttemptRepository attempts;
    private final DiallingPolicyRepository policies;
    private final PlatformIds ids;
    private final Outbox outbox;

    public AttemptService(LeadRepository leads, AttemptRepository attempts, DiallingPolicyRepository policies,
            PlatformIds ids, Outbox outbox) {
        this.leads = leads;
        this.attempts = attempts;
        this.policies = policies;
        this.ids = ids;
        this.outbox = outbox;
    }

    /** An attempt as reported; {@code type} and {@code startedAt} have their defaults already. */
    public record Report(long leadId, UUID leaseId, int phoneIndex, int dialStatusId, String dialStatusName,
            String type, OffsetDateTime startedAt, OffsetDateTime endedAt, Long agentId) {
    }

    /**
     * @param created
     *            false when the lease had reported this attempt already (a dialler's retry)
     */
    public record Recorded(Attempt attempt, boolean created) {
    }

    public Uni<Recorded> record(String tenantId, Report report) {
        return ids.next()
                .flatMap(activityId -> outbox.inTransaction(tx -> (report.leaseId() == null
                        ? Uni.createFrom().<Attempt> nullItem()
                        : attempts.findByLease(tx, tenantId, report.leaseId())).flatMap(
                                earlier -> earlier != null ? Uni.createFrom().item(new Recorded(earlier, false))
                                        : leads.findForUpdate(tx, tenantId, report.leadId()).onItem().ifNull()
                                                .failWith(() -> LeadService.notFound(report.leadId()))
                                                .flatMap(lead -> record(tx, tenantId, lead, report, activityId)))));
    }

    private Uni<Recorded> record(SqlClient tx, String tenantId, Lead lead, Report r, long activityId) {
        OffsetDateTime now = OffsetDateTime.now();
        boolean leaseLives = lead.leaseExpiresAt() != null && lead.leaseExpiresAt().isAfter(now);
        if (r.leaseId() != null && !r.leaseId().equals(lead.leaseId())) {
            throw LeadException.conflict("leaseId",
                    "leaseId is not the lead's current lease: it expired and the lead was claimed again, or it was"
                            + " never this lead's.");
        }
        if (r.leaseId() == null && leaseLives) {
            throw LeadException.conflict("leaseId",
                    "The lead is leased to a dialler until " + lead.leaseExpiresAt() + "; report with its leaseId.");
        }
        String phone = lead.phone(r.phoneIndex());
        if (phone == null) {
            throw LeadException.invalid("phoneIndex", "The lead has no phone" + r.phoneIndex() + ".");
        }
        Long parent = lead.lastActivityId();
        Long root = lead.rootActivityId();
        return policies.find(tx, tenantId, lead.campaignId()).flatMap(policy -> {
            int attemptNo = lead.attempts() + 1;
            boolean completed = lead.completed() || policy.completes(r.dialStatusId(), attemptNo);
            OffsetDateTime after = r.endedAt() != null ? r.endedAt() : r.startedAt();
            OffsetDateTime next = completed ? null
                    : (after.isAfter(now) ? after : now).plusMinutes(policy.retryMinutes());
            return attempts
                    .insert(tx, tenantId, lead.id(), lead.campaignId(), lead.listId(), r.leaseId(), r.phoneIndex(),
                            phone, r.dialStatusId(), r.dialStatusName(), r.type(), r.startedAt(), r.endedAt(),
                            r.agentId(), activityId, parent, root)
                    .call(attemptId -> attempts.applyToLead(tx, tenantId, lead.id(), r.dialStatusId(),
                            r.dialStatusName(), r.startedAt(), attemptId, activityId, completed, next))
                    .call(attemptId -> outbox.append(tx, LeadEvents.ATTEMPT_RECORDED, tenantId + ":lead:" + lead.id(),
                            Long.toString(activityId), tenantId,
                            new LeadEvents.AttemptRecorded(attemptId, activityId, parent, root, lead.id(),
                                    lead.campaignId(), lead.listId(), lead.customerKey(), r.phoneIndex(), phone,
                                    r.dialStatusId(), r.dialStatusName(), r.type(), r.startedAt(), r.endedAt(),
                                    r.agentId(), completed, next)))
                    .flatMap(attemptId -> attempts.find(tx, tenantId, attemptId))
                    .map(attempt -> new Recorded(attempt, true));
        });
    }
}
