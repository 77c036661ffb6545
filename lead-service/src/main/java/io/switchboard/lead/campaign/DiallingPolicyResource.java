package io.switchboard.lead.campaign;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.QueryParams;
import io.switchboard.lead.Scopes;

/** A campaign's dialling policy: calling window, retry delay, attempt limit, completing statuses. */
@Path("/api/v1/dialler/campaigns/{campaignId}/policy")
@Tag(name = "Dialler")
@RolesAllowed(Scopes.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DiallingPolicyResource {

    private final DiallingPolicyRepository policies;
    private final CampaignRefRepository campaigns;
    private final TenantContext tenant;

    public DiallingPolicyResource(DiallingPolicyRepository policies, CampaignRefRepository campaigns,
            TenantContext tenant) {
        this.policies = policies;
        this.campaigns = campaigns;
        this.tenant = tenant;
    }

    /**
     * @param callingWindowStart
     *            HH:mm, local time of each lead
     * @param callingWindowEnd
     *            HH:mm, exclusive; before the start for a window over midnight
     */
    public record PolicyView(String callingWindowStart, String callingWindowEnd, int retryMinutes, int maxAttempts,
            List<Integer> completingStatusIds, String outcomeType) {

        static PolicyView of(DiallingPolicy p) {
            return new PolicyView(p.windowStart().toString(), p.windowEnd().toString(), p.retryMinutes(),
                    p.maxAttempts(), p.completingStatuses(), p.outcomeType());
        }
    }

    /** Every field optional: an absent one takes the default. */
    /** The longest retry interval a policy may set: a year. */
    static final int MAX_RETRY_MINUTES = 525_600;
    /** The most attempts a policy may allow per lead. */
    static final int MAX_ATTEMPTS = 1000;

    public record PolicyRequest(String callingWindowStart, String callingWindowEnd, Integer retryMinutes,
            Integer maxAttempts, List<Integer> completingStatusIds, String outcomeType) {
    }

    @GET
    @Operation(summary = "A campaign's dialling policy", description = "The defaults until one is set.")
    public Uni<PolicyView> get(@PathParam("campaignId") long campaignId) {
        String tenantId = tenant.tenantId();
        return campaign(tenantId, campaignId).flatMap(c -> policies.find(tenantId, campaignId)).map(PolicyView::of);
    }

    @PUT
    @Operation(summary = "Set a campaign's dialling policy", description = "Absent fields take the defaults.")
    public Uni<PolicyView> put(@PathParam("campaignId") long campaignId, PolicyRequest body) {
        String tenantId = tenant.tenantId();
        DiallingPolicy defaults = policies.defaults();
        PolicyRequest b = body == null ? new PolicyRequest(null, null, null, null, null, null) : body;
        LocalTime start = time("callingWindowStart", b.callingWindowStart(), defaults.windowStart());
        LocalTime end = time("callingWindowEnd", b.callingWindowEnd(), defaults.windowEnd());
        if (start.equals(end)) {
            throw QueryParams.invalid("callingWindowEnd", "The calling window must not be empty.");
        }
        int retry = b.retryMinutes() == null ? defaults.retryMinutes() : b.retryMinutes();
        int max = b.maxAttempts() == null ? defaults.maxAttempts() : b.maxAttempts();
        if (retry < 1 || retry > MAX_RETRY_MINUTES) {
            throw QueryParams.invalid("retryMinutes",
                    "retryMinutes must be between 1 and " + MAX_RETRY_MINUTES + " (a year).");
        }
        if (max < 1 || max > MAX_ATTEMPTS) {
            throw QueryParams.invalid("maxAttempts", "maxAttempts must be between 1 and " + MAX_ATTEMPTS + ".");
        }
        if (b.completingStatusIds() != null && b.completingStatusIds().size() > 1000) {
            throw QueryParams.invalid("completingStatusIds", "completingStatusIds lists at most 1000 statuses.");
        }
        if (b.completingStatusIds() != null && b.completingStatusIds().contains(null)) {
            throw QueryParams.invalid("completingStatusIds", "completingStatusIds must be integers.");
        }
        Input.check().text("outcomeType", b.outcomeType(), Input.NAME).done();
        DiallingPolicy policy = new DiallingPolicy(start, end, retry, max,
                b.completingStatusIds() == null ? defaults.completingStatuses() : List.copyOf(b.completingStatusIds()),
                b.outcomeType() == null || b.outcomeType().isBlank() ? defaults.outcomeType() : b.outcomeType().trim());
        return campaign(tenantId, campaignId).flatMap(c -> policies.save(tenantId, campaignId, policy))
                .map(PolicyView::of);
    }

    private Uni<CampaignRef> campaign(String tenantId, long campaignId) {
        return campaigns.find(tenantId, campaignId).onItem().ifNull()
                .failWith(() -> LeadException.notFound("No campaign with id " + campaignId + "."));
    }

    private static LocalTime time(String field, String raw, LocalTime fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return LocalTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw QueryParams.invalid(field, field + " must be a local time such as 08:00.");
        }
    }
}
