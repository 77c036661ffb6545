package io.switchboard.lead.dialler;

import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.pagination.Page;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.PlatformDates;
import io.switchboard.lead.QueryParams;
import io.switchboard.lead.Scopes;

/** Platform API v3.0: dialler call information (the attempts diallers reported). */
@Path("/platform-api/v3.0/dialler")
@Tag(name = "Platform API v3.0")
@RolesAllowed(Scopes.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformDiallerResource {

    private final AttemptRepository attempts;
    private final TenantContext tenant;

    public PlatformDiallerResource(AttemptRepository attempts, TenantContext tenant) {
        this.attempts = attempts;
        this.tenant = tenant;
    }

    /**
     * @param dialledTimestamp
     *            when dialling started
     * @param endedTimestamp
     *            when the call ended; null when the dialler did not say
     */
    public record Timestamps(String dialledTimestamp, String endedTimestamp) {
    }

    /**
     * Every field of the seed's sample, plus {@code listId} and {@code agentId}. {@code phoneNumber} is null once an
     * erasure removed it.
     */
    public record AttemptView(long attemptId, int dialStatusId, String dialStatusName, int phoneIndex,
            String phoneNumber, long leadId, Timestamps timestamps, String type, long campaignId, String campaignName,
            long activityId, Long parentActivityId, Long rootActivityId, long listId, Long agentId) {

        static AttemptView of(Attempt a) {
            ZoneId zone = a.campaignTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(a.campaignTimeZone());
            return new AttemptView(a.id(), a.dialStatusId(), a.dialStatusName(), a.phoneIndex(), a.phoneNumber(),
                    a.leadId(),
                    new Timestamps(PlatformDates.format(a.startedAt(), zone), PlatformDates.format(a.endedAt(), zone)),
                    a.type(), a.campaignId(), a.campaignName(), a.activityId(), a.parentActivityId(),
                    a.rootActivityId(), a.listId(), a.agentId());
        }
    }

    @GET
    @Path("/{attemptId}")
    @Operation(summary = "Dialler call information")
    public Uni<AttemptView> get(@PathParam("attemptId") long attemptId) {
        return attempts.find(tenant.tenantId(), attemptId).onItem().ifNull()
                .failWith(() -> LeadException.notFound("No dialler attempt with id " + attemptId + "."))
                .map(AttemptView::of);
    }

    @GET
    @Operation(summary = "List of the dialler calls", description = "Cursor-paginated by attempt id. Filters:"
            + " campaignId, leadId, dialledTimestampFrom/To (ISO 8601, on the start of dialling).")
    public Uni<Page<AttemptView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("campaignId") String campaignId, @QueryParam("leadId") String leadId,
            @QueryParam("dialledTimestampFrom") String from, @QueryParam("dialledTimestampTo") String to) {
        int size = Cursor.limit(limit, 50, 200);
        var filter = new AttemptRepository.Filter(QueryParams.positiveLong("campaignId", campaignId),
                QueryParams.positiveLong("leadId", leadId), QueryParams.timestamp("dialledTimestampFrom", from),
                QueryParams.timestamp("dialledTimestampTo", to));
        return attempts.list(tenant.tenantId(), filter, QueryParams.afterId(cursor), size + 1).map(found -> Page
                .of(found.stream().map(AttemptView::of).toList(), size, a -> Long.toString(a.attemptId())));
    }
}
