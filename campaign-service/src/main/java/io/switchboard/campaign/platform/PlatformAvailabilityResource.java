package io.switchboard.campaign.platform;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.queue.QueueEvent;
import io.switchboard.campaign.queue.QueueEventService;
import io.switchboard.campaign.queue.QueueEventType;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** Platform API v3.0: update agent presence, applied as an agent-available / agent-unavailable queue event. */
@Path("/platform-api/v3.0/availability")
@Tag(name = "Platform API v3.0")
@RolesAllowed(PlatformCampaignResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlatformAvailabilityResource {

    private final QueueEventService events;
    private final TenantContext tenant;

    public PlatformAvailabilityResource(QueueEventService events, TenantContext tenant) {
        this.events = events;
        this.tenant = tenant;
    }

    public record Availability(Long agentId, Boolean available) {
    }

    @PUT
    @Operation(summary = "Update agent presence")
    public Uni<Availability> update(Availability request) {
        if (request == null || request.agentId() == null || request.available() == null) {
            throw ProblemException.badRequest("agentId and available are both required.");
        }
        QueueEventType type = request.available() ? QueueEventType.AGENT_AVAILABLE : QueueEventType.AGENT_UNAVAILABLE;
        return events
                .apply(tenant.tenantId(),
                        new QueueEvent(UUID.randomUUID().toString(), type, null, null, request.agentId(), null))
                .replaceWith(new Availability(request.agentId(), request.available()));
    }
}
