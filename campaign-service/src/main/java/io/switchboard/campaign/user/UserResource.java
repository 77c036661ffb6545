package io.switchboard.campaign.user;

import java.net.URI;
import java.time.OffsetDateTime;

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
import io.switchboard.campaign.campaign.CampaignRepository;
import io.switchboard.campaign.campaign.CampaignResource;
import io.switchboard.common.input.Input;
import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.pagination.Page;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** Switchboard's modern user administration API: agents and supervisors. */
@Path("/api/v1/users")
@Tag(name = "Users")
@RolesAllowed(CampaignResource.ADMIN_SCOPE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserRepository users;
    private final UserService changes;
    private final TenantContext tenant;

    public UserResource(UserRepository users, UserService changes, TenantContext tenant) {
        this.users = users;
        this.changes = changes;
        this.tenant = tenant;
    }

    /**
     * @param id
     *            optional on create: the next free id is taken when absent; a chosen one lies between 1 and
     *            2,147,483,647
     * @param name
     *            at most 200 characters
     * @param email
     *            at most 320 characters
     */
    public record UserRequest(Long id, String name, String email, String userType, Boolean active, Long campaignId) {
    }

    public record UserView(long id, String name, String email, String userType, boolean active, Long campaignId,
            boolean available, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.name(), u.email(), u.userType(), u.active(), u.campaignId(), u.available(),
                    u.createdAt(), u.updatedAt());
        }
    }

    @POST
    public Uni<Response> create(UserRequest request) {
        UserRequest r = validate(request);
        Input.check().range("id", r.id(), 1, CampaignRepository.MAX_CLIENT_ID).done();
        return changes.create(tenant.tenantId(), r.id(), r.name(), r.email(), r.userType(), r.active(), r.campaignId())
                .onItem().ifNull().failWith(() -> ProblemException.conflict("User " + r.id() + " already exists."))
                .map(u -> Response.created(URI.create("/api/v1/users/" + u.id())).entity(UserView.of(u)).build());
    }

    @GET
    public Uni<Page<UserView>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("userType") String userType, @QueryParam("active") Boolean active) {
        int size = Cursor.limit(limit, 50, 200);
        return users.list(tenant.tenantId(), CampaignResource.afterId(cursor), userType(userType), active, size + 1)
                .map(list -> Page.of(list.stream().map(UserView::of).toList(), size, v -> Long.toString(v.id())));
    }

    @GET
    @Path("/{id}")
    public Uni<UserView> get(@PathParam("id") long id) {
        return users.find(tenant.tenantId(), id).onItem().ifNull().failWith(() -> notFound(id)).map(UserView::of);
    }

    @PUT
    @Path("/{id}")
    public Uni<UserView> update(@PathParam("id") long id, UserRequest request) {
        UserRequest r = validate(request);
        return changes.update(tenant.tenantId(), id, r.name(), r.email(), r.userType(), r.active(), r.campaignId())
                .onItem().ifNull().failWith(() -> notFound(id)).map(UserView::of);
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") long id) {
        return changes.delete(tenant.tenantId(), id).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return Response.noContent().build();
        });
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("No user with id " + id + ".");
    }

    /** Normalises a user type filter or field; "user" is the Platform API's word for a supervisor. */
    public static String userType(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "agent" -> User.AGENT;
            case "supervisor", "user" -> User.SUPERVISOR;
            default -> throw ProblemException.badRequest("userType must be agent or supervisor (or user).");
        };
    }

    private static UserRequest validate(UserRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("A JSON body with name and userType is required.");
        }
        if (r.name() == null || r.name().isBlank()) {
            throw ProblemException.badRequest("name is required.");
        }
        Input.check().text("name", r.name(), Input.NAME).text("email", r.email(), Input.EMAIL)
                .text("userType", r.userType(), Input.NAME).done();
        String type = userType(r.userType());
        if (type == null) {
            throw ProblemException.badRequest("userType is required: agent or supervisor.");
        }
        return new UserRequest(r.id(), r.name().trim(), r.email(), type, r.active() == null || r.active(),
                r.campaignId());
    }
}
