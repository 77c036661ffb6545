package io.switchboard.campaign.platform;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.campaign.CampaignResource;
import io.switchboard.campaign.user.User;
import io.switchboard.campaign.user.UserRepository;
import io.switchboard.campaign.user.UserResource;
import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.pagination.Page;
import io.switchboard.common.tenancy.TenantContext;

/** Platform API v3.0: list of users. */
@Path("/platform-api/v3.0/users")
@Tag(name = "Platform API v3.0")
@RolesAllowed(PlatformCampaignResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformUserResource {

    private final UserRepository users;
    private final TenantContext tenant;

    public PlatformUserResource(UserRepository users, TenantContext tenant) {
        this.users = users;
        this.tenant = tenant;
    }

    /**
     * @param userType
     *            agent or user (the Platform API's word for a supervisor)
     */
    public record PlatformUser(long userId, String name, String email, String userType, boolean accountActive,
            Long campaignId, boolean available) {
        static PlatformUser of(User u) {
            return new PlatformUser(u.id(), u.name(), u.email(), User.AGENT.equals(u.userType()) ? "agent" : "user",
                    u.active(), u.campaignId(), u.available());
        }
    }

    @GET
    @Operation(summary = "List of users", description = "Cursor-paginated by user id; userType agent or user,"
            + " accountActive true or false.")
    public Uni<Page<PlatformUser>> list(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit,
            @QueryParam("userType") String userType, @QueryParam("accountActive") Boolean accountActive) {
        int size = Cursor.limit(limit, 50, 200);
        return users
                .list(tenant.tenantId(), CampaignResource.afterId(cursor), UserResource.userType(userType),
                        accountActive, size + 1)
                .map(list -> Page.of(list.stream().map(PlatformUser::of).toList(), size,
                        u -> Long.toString(u.userId())));
    }
}
