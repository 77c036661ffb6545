package io.switchboard.lead.list;

import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.pagination.Page;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.PlatformDates;
import io.switchboard.lead.QueryParams;
import io.switchboard.lead.Scopes;

/** Platform API v3.0: lead lists. */
@Path("/platform-api/v3.0/lists")
@Tag(name = "Platform API v3.0")
@RolesAllowed(Scopes.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlatformListResource {

    private final ListRepository lists;
    private final ListService changes;
    private final TenantContext tenant;

    public PlatformListResource(ListRepository lists, ListService changes, TenantContext tenant) {
        this.lists = lists;
        this.changes = changes;
        this.tenant = tenant;
    }

    /** Names and numbers as strings are accepted ({@code "campaignId": "2"}). */
    public record CreateList(String listName, String campaignId) {
    }

    public record Created(String listName, long campaignId, long listId) {
    }

    public record Timestamps(String createdTimestamp, String updatedTimestamp) {
    }

    public record ListDetails(long id, String name, long campaignId, String campaignName, boolean inDialler, int weight,
            Timestamps timestamps) {

        public static ListDetails of(LeadList l) {
            ZoneId zone = l.campaignTimeZone() == null ? ZoneOffset.UTC : ZoneId.of(l.campaignTimeZone());
            return new ListDetails(l.id(), l.name(), l.campaignId(), l.campaignName(), l.inDialler(), l.weight(),
                    new Timestamps(PlatformDates.format(l.createdAt(), zone),
                            PlatformDates.format(l.updatedAt(), zone)));
        }
    }

    @POST
    @Operation(summary = "Create lead list", description = "listName and campaignId are required; the campaign must"
            + " exist (400 naming campaignId otherwise).")
    public Uni<Response> create(CreateList request) {
        if (request == null || request.listName() == null || request.listName().isBlank()) {
            throw QueryParams.invalid("listName", "listName is required.");
        }
        if (request.listName().trim().length() > 200) {
            throw QueryParams.invalid("listName", "listName is at most 200 characters.");
        }
        Long campaignId = QueryParams.positiveLong("campaignId", request.campaignId());
        if (campaignId == null) {
            throw QueryParams.invalid("campaignId", "campaignId is required.");
        }
        return changes.create(tenant.tenantId(), request.listName().trim(), campaignId)
                .map(l -> Response.created(URI.create("/platform-api/v3.0/lists/" + l.id()))
                        .entity(new Created(l.name(), l.campaignId(), l.id())).build());
    }

    @GET
    @Operation(summary = "List of lists", description = "Cursor-paginated by list id, optionally of one campaign.")
    public Uni<Page<ListDetails>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("campaignId") String campaignId) {
        int size = Cursor.limit(limit, 50, 200);
        Long campaign = QueryParams.positiveLong("campaignId", campaignId);
        return lists.list(tenant.tenantId(), QueryParams.afterId(cursor), campaign, size + 1)
                .map(found -> Page.of(found.stream().map(ListDetails::of).toList(), size, l -> Long.toString(l.id())));
    }

    @GET
    @Path("/{listId}")
    @Operation(summary = "Get list detail")
    public Uni<ListDetails> get(@PathParam("listId") long listId) {
        return lists.find(tenant.tenantId(), listId).onItem().ifNull().failWith(() -> notFound(listId))
                .map(ListDetails::of);
    }

    public static ProblemException notFound(long listId) {
        return ProblemException.notFound("No list with id " + listId + ".");
    }
}
