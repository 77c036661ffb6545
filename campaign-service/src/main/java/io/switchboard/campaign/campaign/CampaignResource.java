package io.switchboard.campaign.campaign;

import java.net.URI;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.Scopes;
import io.switchboard.common.input.Input;
import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.pagination.Page;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** Switchboard's modern campaign administration API. */
@Path("/api/v1/campaigns")
@Tag(name = "Campaigns")
@RolesAllowed(CampaignResource.ADMIN_SCOPE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignResource {

    public static final String ADMIN_SCOPE = Scopes.ADMIN;

    private final CampaignRepository campaigns;
    private final CampaignService changes;
    private final TenantContext tenant;

    public CampaignResource(CampaignRepository campaigns, CampaignService changes, TenantContext tenant) {
        this.campaigns = campaigns;
        this.changes = changes;
        this.tenant = tenant;
    }

    /**
     * @param id
     *            optional on create: the next free id is taken when absent; a chosen one lies between 1 and
     *            2,147,483,647
     * @param name
     *            at most 200 characters
     */
    public record CampaignRequest(Long id, String name, Direction direction, Boolean active, String timeZone) {
    }

    public record CampaignView(long id, String name, Direction direction, boolean active, String timeZone,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.id(), c.name(), c.direction(), c.active(), c.timeZone(), c.createdAt(),
                    c.updatedAt());
        }
    }

    @POST
    public Uni<Response> create(CampaignRequest request) {
        CampaignRequest valid = validate(request);
        Input.check().range("id", valid.id(), 1, CampaignRepository.MAX_CLIENT_ID).done();
        return changes
                .create(tenant.tenantId(), valid.id(), valid.name(), valid.direction(), valid.active(),
                        valid.timeZone())
                .onItem().ifNull()
                .failWith(() -> ProblemException.conflict("Campaign " + valid.id() + " already exists."))
                .map(c -> Response.created(URI.create("/api/v1/campaigns/" + c.id())).entity(CampaignView.of(c))
                        .build());
    }

    @GET
    public Uni<Page<CampaignView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit, 50, 200);
        long after = afterId(cursor);
        return campaigns.list(tenant.tenantId(), after, size + 1)
                .map(list -> Page.of(list.stream().map(CampaignView::of).toList(), size, v -> Long.toString(v.id())));
    }

    @GET
    @Path("/{id}")
    public Uni<CampaignView> get(@PathParam("id") long id) {
        return campaigns.find(tenant.tenantId(), id).onItem().ifNull().failWith(() -> notFound(id))
                .map(CampaignView::of);
    }

    @PUT
    @Path("/{id}")
    public Uni<CampaignView> update(@PathParam("id") long id, CampaignRequest request) {
        CampaignRequest valid = validate(request);
        return changes.update(tenant.tenantId(), id, valid.name(), valid.direction(), valid.active(), valid.timeZone())
                .onItem().ifNull().failWith(() -> notFound(id)).map(CampaignView::of);
    }

    /** 204; 409 while calls wait in the campaign's queue (they would be lost with it). */
    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") long id) {
        return changes.delete(tenant.tenantId(), id).map(outcome -> switch (outcome) {
            case DELETED -> Response.noContent().build();
            case NOT_FOUND -> throw notFound(id);
            case CALLS_WAITING -> throw ProblemException.conflict("Campaign " + id
                    + " has calls waiting in its queue; delete it once they are answered or abandoned.");
        });
    }

    public static ProblemException notFound(long id) {
        return ProblemException.notFound("No campaign with id " + id + ".");
    }

    /** Reads a cursor made from an id; anything else is a 400. */
    public static long afterId(String cursor) {
        String key = Cursor.decode(cursor);
        if (key == null) {
            return 0;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("The cursor is not one this API issued.");
        }
    }

    private static CampaignRequest validate(CampaignRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("A JSON body with name, direction and timeZone is required.");
        }
        if (r.name() == null || r.name().isBlank()) {
            throw ProblemException.badRequest("name is required.");
        }
        Input.check().text("name", r.name(), Input.NAME).text("timeZone", r.timeZone(), Input.NAME).done();
        if (r.direction() == null) {
            throw ProblemException.badRequest("direction is required: INBOUND or OUTBOUND.");
        }
        if (r.timeZone() == null) {
            throw ProblemException.badRequest("timeZone is required: an IANA time zone such as Europe/London.");
        }
        try {
            ZoneId.of(r.timeZone());
        } catch (DateTimeException e) {
            throw ProblemException
                    .badRequest("timeZone '" + r.timeZone() + "' is not an IANA time zone such as Europe/London.");
        }
        return new CampaignRequest(r.id(), r.name().trim(), r.direction(), r.active() == null || r.active(),
                r.timeZone());
    }
}
