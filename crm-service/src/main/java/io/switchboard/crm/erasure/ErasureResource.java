package io.switchboard.crm.erasure;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** An erasure's status and audit record. */
@Path("/api/v1/erasures")
@Tag(name = "Erasure")
@RolesAllowed({ CustomerResource.SCOPE, "switchboard.admin" })
@Produces(MediaType.APPLICATION_JSON)
public class ErasureResource {

    private final ErasureService erasures;
    private final TenantContext tenant;

    public ErasureResource(ErasureService erasures, TenantContext tenant) {
        this.erasures = erasures;
        this.tenant = tenant;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An erasure's status, who asked and when, and what each service erased")
    public Uni<ErasureViews.Status> get(@PathParam("id") String id) {
        String tenantId = tenant.tenantId();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No erasure " + id + ".");
        }
        return erasures.find(tenantId, uuid).map(e -> {
            if (e == null) {
                throw ProblemException.notFound("No erasure " + id + ".");
            }
            return ErasureViews.Status.of(e);
        });
    }
}
