package io.switchboard.callback.dialler;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.idempotency.IdempotentRequests;
import io.switchboard.callback.request.CallbackView;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** Dialler-facing endpoints: diallers report the progress of the calls they place. */
@Path("/api/v1/dialler/callbacks")
@Tag(name = "Dialler")
@RolesAllowed(DiallerResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DiallerResource {

    public static final String SCOPE = "switchboard.dialler";

    private final CallProgressService progress;
    private final TenantContext tenant;
    private final IdempotentRequests idempotency;

    public DiallerResource(CallProgressService progress, TenantContext tenant, IdempotentRequests idempotency) {
        this.idempotency = idempotency;
        this.progress = progress;
        this.tenant = tenant;
    }

    /**
     * @param status
     *            one of the nine wire names
     * @param leaseId
     *            the lease from the claim; required while that lease lives, absent from diallers that did not claim
     */
    public record StatusReport(String status, String leaseId) {
    }

    @POST
    @Path("/{confirmationCode}/events")
    @Operation(summary = "Report a call status", description = "One of the nine statuses of the legacy notification service, in an order the state machine allows (409 otherwise). While a claim's lease lives, only its holder may report, with its leaseId.")
    public Uni<Response> report(@PathParam("confirmationCode") String confirmationCode, StatusReport report,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        CallStatus status = report == null ? null : CallStatus.fromWireName(report.status());
        if (status == null) {
            throw ProblemException.badRequest("status must be one of " + CallStatus.allWireNames() + ".");
        }
        UUID leaseId = leaseIdOf(report);
        String tenantId = tenant.tenantId();
        // A dialler that retries a report after a timeout must not count one failed attempt twice.
        return idempotency.once(tenantId, idempotencyKey,
                "POST /api/v1/dialler/callbacks/" + confirmationCode + "/events", report,
                () -> progress.report(tenantId, confirmationCode, status, leaseId)
                        .map(callback -> Response.ok(CallbackView.of(callback)).build()));
    }

    private static UUID leaseIdOf(StatusReport report) {
        if (report.leaseId() == null || report.leaseId().isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(report.leaseId().trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException
                    .badRequest("leaseId must be the UUID a claim returned, not " + report.leaseId() + ".");
        }
    }
}
