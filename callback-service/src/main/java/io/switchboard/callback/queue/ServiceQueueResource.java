package io.switchboard.callback.queue;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.idempotency.IdempotentRequests;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** Service queue administration for the token's tenant: hours, holidays, timeslots, labels, retries and lists. */
@Path("/api/v1/service-queues")
@Tag(name = "Service queues")
@RolesAllowed(ServiceQueueResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceQueueResource {

    public static final String SCOPE = "switchboard.admin";

    private final ServiceQueueAdminService queues;
    private final IdempotentRequests idempotency;
    private final TenantContext tenant;
    private final JsonWebToken token;

    public ServiceQueueResource(ServiceQueueAdminService queues, IdempotentRequests idempotency, TenantContext tenant,
            JsonWebToken token) {
        this.queues = queues;
        this.idempotency = idempotency;
        this.tenant = tenant;
        this.token = token;
    }

    /** The list of a tenant's queues. */
    public record QueueList(List<ServiceQueue> items) {
    }

    @POST
    @Operation(summary = "Create a service queue", description = "Absent optional settings take their defaults.")
    public Uni<Response> create(ServiceQueue definition,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String tenantId = tenant.tenantId();
        return idempotency.once(tenantId, idempotencyKey, "POST /api/v1/service-queues", body(definition),
                () -> queues.create(tenantId, actor(), definition).map(created -> Response
                        .created(URI.create("/api/v1/service-queues/" + created.id())).entity(created).build()));
    }

    @GET
    @Operation(summary = "List the tenant's service queues")
    public Uni<QueueList> list() {
        return queues.list(tenant.tenantId()).map(QueueList::new);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a service queue")
    public Uni<ServiceQueue> get(@PathParam("id") long id) {
        return queues.get(tenant.tenantId(), id);
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a service queue's settings")
    public Uni<ServiceQueue> replace(@PathParam("id") long id, ServiceQueue definition) {
        return queues.replace(tenant.tenantId(), actor(), id, body(definition));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a service queue that has no callbacks")
    public Uni<Response> delete(@PathParam("id") long id) {
        return queues.delete(tenant.tenantId(), actor(), id).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{id}/audit")
    @Operation(summary = "Every change of the queue's settings, oldest first")
    public Uni<List<ServiceQueueRepository.AuditEntry>> audit(@PathParam("id") long id) {
        return queues.auditTrail(tenant.tenantId(), id);
    }

    private String actor() {
        return token == null ? null : token.getSubject();
    }

    private static ServiceQueue body(ServiceQueue definition) {
        if (definition == null) {
            throw ProblemException.badRequest("A JSON body with the service queue's settings is required.");
        }
        return definition;
    }
}
