package io.switchboard.campaign.readmodel;

import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.Scopes;
import io.switchboard.common.tenancy.TenantContext;

/**
 * A service queue as campaign-service knows it from callback-service's events (read-only: callback-service owns queues
 * and is where they are created, changed and deleted).
 */
@Path("/api/v1/service-queues/{id}")
@Tag(name = "Estimated wait time")
@RolesAllowed({ Scopes.ADMIN, Scopes.DIALLER })
@Produces(MediaType.APPLICATION_JSON)
public class ServiceQueueResource {

    private final ServiceQueueRepository queues;
    private final TenantContext tenant;

    public ServiceQueueResource(ServiceQueueRepository queues, TenantContext tenant) {
        this.queues = queues;
        this.tenant = tenant;
    }

    @RegisterForReflection
    public record ServiceQueueView(long serviceQueue, String name, String timeZone, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    @GET
    @Operation(summary = "A service queue as callback-service last announced it", description = "404 for a queue"
            + " callback-service has not announced to the tenant, or has deleted.")
    public Uni<ServiceQueueView> get(@PathParam("id") long id) {
        return queues.find(tenant.tenantId(), id).onItem().ifNull().failWith(() -> new UnknownServiceQueueException(id))
                .map(q -> new ServiceQueueView(q.id(), q.name(), q.timeZone(), q.createdAt(), q.updatedAt()));
    }
}
