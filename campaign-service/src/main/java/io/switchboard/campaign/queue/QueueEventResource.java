package io.switchboard.campaign.queue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.Scopes;
import io.switchboard.common.tenancy.TenantContext;

/** Diallers and ACDs report what happens in a campaign's queue. */
@Path("/api/v1/queue-events")
@Tag(name = "Queue events")
@RolesAllowed(QueueEventResource.DIALLER_SCOPE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class QueueEventResource {

    public static final String DIALLER_SCOPE = Scopes.DIALLER;

    private final QueueEventService events;
    private final TenantContext tenant;

    public QueueEventResource(QueueEventService events, TenantContext tenant) {
        this.events = events;
        this.tenant = tenant;
    }

    @POST
    @Operation(summary = "Report a queue event", description = "Applied once per eventId; a repeat answers"
            + " duplicate: true and changes nothing.")
    public Uni<QueueEventService.Applied> report(QueueEvent event) {
        return events.apply(tenant.tenantId(), event);
    }
}
