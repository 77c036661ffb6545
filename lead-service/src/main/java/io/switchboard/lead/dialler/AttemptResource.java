package io.switchboard.lead.dialler;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.PlatformDates;
import io.switchboard.lead.QueryParams;
import io.switchboard.lead.Scopes;

/** Diallers report each call attempt to a lead they claimed. */
@Path("/api/v1/dialler/attempts")
@Tag(name = "Dialler")
@RolesAllowed(Scopes.DIALLER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AttemptResource {

    /** The activity type of an attempt that names none. */
    public static final String DEFAULT_TYPE = "call.outbound";

    private final AttemptService attempts;
    private final TenantContext tenant;

    public AttemptResource(AttemptService attempts, TenantContext tenant) {
        this.attempts = attempts;
        this.tenant = tenant;
    }

    /**
     * Numbers may come as strings.
     *
     * @param leaseId
     *            the lease from the claim; required while that lease lives
     * @param phoneIndex
     *            which of the lead's phones was dialled (1-3)
     * @param type
     *            activity type, default {@code call.outbound}
     * @param startedAt
     *            ISO 8601; default now
     */
    public record AttemptRequest(String leadId, String leaseId, String phoneIndex, String dialStatusId,
            String dialStatusName, String type, String startedAt, String endedAt, String agentId) {
    }

    public record Created(long attemptId, long activityId) {
    }

    @POST
    @Operation(summary = "Report a call attempt", description = "201 with the attempt's id and its platform-wide"
            + " activity id. Sets the lead's lastStatusCode/lastStatusDescription, schedules its next attempt or"
            + " completes it by the campaign's policy, ends the lease and publishes switchboard.lead-events. A retry"
            + " with the same leaseId answers the first attempt (200).")
    public Uni<Response> report(AttemptRequest request) {
        if (request == null) {
            throw QueryParams.invalid("leadId", "A JSON body with leadId, phoneIndex and dialStatusId is required.");
        }
        Long leadId = QueryParams.positiveLong("leadId", request.leadId());
        if (leadId == null) {
            throw QueryParams.invalid("leadId", "leadId is required.");
        }
        Integer phoneIndex = QueryParams.integer("phoneIndex", request.phoneIndex());
        if (phoneIndex == null || phoneIndex < 1 || phoneIndex > 3) {
            throw QueryParams.invalid("phoneIndex", "phoneIndex is required: 1, 2 or 3.");
        }
        Integer status = QueryParams.integer("dialStatusId", request.dialStatusId());
        if (status == null) {
            throw QueryParams.invalid("dialStatusId", "dialStatusId is required.");
        }
        String name = request.dialStatusName() == null || request.dialStatusName().isBlank() ? null
                : request.dialStatusName().trim();
        if (name != null && name.length() > 200) {
            throw QueryParams.invalid("dialStatusName", "dialStatusName is at most 200 characters.");
        }
        String type = request.type() == null || request.type().isBlank() ? DEFAULT_TYPE : request.type().trim();
        OffsetDateTime startedAt = time("startedAt", request.startedAt());
        OffsetDateTime endedAt = time("endedAt", request.endedAt());
        if (startedAt == null) {
            startedAt = OffsetDateTime.now();
        }
        if (endedAt != null && endedAt.isBefore(startedAt)) {
            throw QueryParams.invalid("endedAt", "endedAt is before startedAt.");
        }
        UUID leaseId = null;
        if (request.leaseId() != null && !request.leaseId().isBlank()) {
            try {
                leaseId = UUID.fromString(request.leaseId().trim());
            } catch (IllegalArgumentException e) {
                throw QueryParams.invalid("leaseId", "leaseId must be the UUID a claim returned.");
            }
        }
        Long agentId = QueryParams.positiveLong("agentId", request.agentId());
        var report = new AttemptService.Report(leadId, leaseId, phoneIndex, status, name, type, startedAt, endedAt,
                agentId);
        return attempts.record(tenant.tenantId(), report).map(recorded -> {
            Attempt a = recorded.attempt();
            URI location = URI.create("/platform-api/v3.0/dialler/" + a.id());
            return (recorded.created() ? Response.created(location) : Response.ok().location(location))
                    .entity(new Created(a.id(), a.activityId())).build();
        });
    }

    private static OffsetDateTime time(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        OffsetDateTime t = PlatformDates.parse(raw, ZoneOffset.UTC);
        if (t == null) {
            throw QueryParams.invalid(field, field + " must be an ISO 8601 date-time such as 2026-11-24T09:00:00Z.");
        }
        return t;
    }
}
