package io.switchboard.lead.lead;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.pagination.Page;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.QueryParams;
import io.switchboard.lead.Scopes;
import io.switchboard.lead.campaign.DiallingPolicyRepository;

/** Platform API v3.0: leads. */
@Path("/platform-api/v3.0/leads")
@Tag(name = "Platform API v3.0")
@RolesAllowed(Scopes.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlatformLeadResource {

    private final LeadService changes;
    private final LeadRepository leads;
    private final DiallingPolicyRepository policies;
    private final TenantContext tenant;
    private final ObjectMapper mapper;

    public PlatformLeadResource(LeadService changes, LeadRepository leads, DiallingPolicyRepository policies,
            TenantContext tenant, ObjectMapper mapper) {
        this.changes = changes;
        this.leads = leads;
        this.policies = policies;
        this.tenant = tenant;
        this.mapper = mapper;
    }

    public record Created(long leadId, boolean inDialler) {
    }

    @POST
    @Operation(summary = "Create lead", description = "listId is required; phones are stored in E.164 (read in the"
            + " country of the lead's timezone, else its campaign's). 409 for a duplicate: the list has the"
            + " customerKey, or the campaign one of the numbers.")
    public Uni<Response> create(LeadFields body) {
        if (body == null) {
            throw ProblemException.badRequest("A JSON body with at least listId is required.");
        }
        return changes.create(tenant.tenantId(), body)
                .map(c -> Response.created(URI.create("/platform-api/v3.0/leads/" + c.leadId()))
                        .entity(new Created(c.leadId(), c.inDialler())).build());
    }

    @GET
    @Operation(summary = "List of leads", description = "Cursor-paginated by lead id. Filters: campaignId, listId,"
            + " statusCode, uploadedTimestampFrom/To (ISO 8601), customerKey.")
    public Uni<Page<LeadView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("campaignId") String campaignId, @QueryParam("listId") String listId,
            @QueryParam("statusCode") String statusCode,
            @QueryParam("uploadedTimestampFrom") String uploadedTimestampFrom,
            @QueryParam("uploadedTimestampTo") String uploadedTimestampTo,
            @QueryParam("customerKey") String customerKey) {
        Input.check().text("customerKey", customerKey, Input.NAME).done();
        int size = Cursor.limit(limit, 50, 200);
        var filter = new LeadRepository.Filter(QueryParams.positiveLong("campaignId", campaignId),
                QueryParams.positiveLong("listId", listId), QueryParams.integer("statusCode", statusCode),
                QueryParams.timestamp("uploadedTimestampFrom", uploadedTimestampFrom),
                QueryParams.timestamp("uploadedTimestampTo", uploadedTimestampTo),
                customerKey == null || customerKey.isBlank() ? null : customerKey.trim());
        return leads.list(tenant.tenantId(), filter, QueryParams.afterId(cursor), size + 1)
                .map(found -> Page.of(found.stream().map(l -> LeadView.of(l, policies.defaults(), mapper)).toList(),
                        size, v -> Long.toString(v.leadId())));
    }

    @GET
    @Path("/{leadId}")
    @Operation(summary = "Get lead details")
    public Uni<LeadView> get(@PathParam("leadId") long leadId) {
        return leads.find(tenant.tenantId(), leadId).onItem().ifNull().failWith(() -> LeadService.notFound(leadId))
                .map(l -> LeadView.of(l, policies.defaults(), mapper));
    }

    @PATCH
    @Path("/{leadId}")
    @Operation(summary = "Update lead details", description = "Every field optional; isCompleted only goes to true"
            + " (false on a completed lead is a 400). Answers the lead after the change.")
    public Uni<LeadView> update(@PathParam("leadId") long leadId, LeadPatch patch) {
        if (patch == null) {
            throw ProblemException.badRequest("A JSON body is required.");
        }
        return changes.update(tenant.tenantId(), leadId, patch).map(l -> LeadView.of(l, policies.defaults(), mapper));
    }

    @DELETE
    @Path("/{leadId}")
    @Operation(summary = "Delete lead")
    public Uni<Response> delete(@PathParam("leadId") long leadId) {
        return changes.delete(tenant.tenantId(), leadId).map(deleted -> {
            if (!deleted) {
                throw LeadService.notFound(leadId);
            }
            return Response.noContent().build();
        });
    }
}
