package io.switchboard.callback.dialler;

import java.time.OffsetDateTime;
import java.util.List;
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

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.idempotency.IdempotentRequests;
import io.switchboard.callback.request.CallbackView;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** Diallers take due callbacks of a queue with a lease; any number of diallers and replicas may claim at once. */
@Path("/api/v1/dialler/service-queues")
@Tag(name = "Dialler")
@RolesAllowed(DiallerResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    private final ClaimService claims;
    private final DiallerConfig config;
    private final TenantContext tenant;
    private final JsonWebToken token;
    private final IdempotentRequests idempotency;

    public ClaimResource(ClaimService claims, DiallerConfig config, TenantContext tenant, JsonWebToken token,
            IdempotentRequests idempotency) {
        this.idempotency = idempotency;
        this.claims = claims;
        this.config = config;
        this.tenant = tenant;
        this.token = token;
    }

    /**
     * @param max
     *            how many callbacks at most (default 1)
     * @param leaseSeconds
     *            how long the dialler holds them before they are due again (default from config)
     * @param diallerId
     *            who claims, for operators (default: the token's subject)
     */
    public record ClaimRequest(Integer max, Integer leaseSeconds, String diallerId) {
    }

    /** What a dialler needs to place the call, and the lease it reports progress with. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClaimedCallback(String confirmationCode, long serviceQueue, int callType, String name, String phoneNo,
            String region, List<String> fields, String pin, OffsetDateTime scheduledFor, OffsetDateTime dueAt,
            CallbackState state, int attempt, int retries, UUID leaseId, String leaseHolder,
            OffsetDateTime leaseExpiresAt) {

        static ClaimedCallback of(Callback c) {
            return new ClaimedCallback(c.confirmationCode, c.serviceQueueId, c.callType, c.customerName, c.phoneNumber,
                    c.region, CallbackView.of(c).fields(), c.pin, c.scheduledFor, c.dueAt, c.state, c.retries + 1,
                    c.retries, c.leaseId, c.leaseHolder, c.leaseExpiresAt);
        }
    }

    public record Claimed(List<ClaimedCallback> items) {
    }

    @POST
    @Path("/{serviceQueue}/claims")
    @Operation(summary = "Claim due callbacks", description = "Leases up to max due callbacks of the queue, oldest due first. Two claims never get the same callback; an expired lease makes it due again.")
    public Uni<Response> claim(@PathParam("serviceQueue") long serviceQueue, ClaimRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        String tenantId = tenant.tenantId();
        int max = request == null || request.max() == null ? 1 : request.max();
        int lease = request == null || request.leaseSeconds() == null ? config.defaultLeaseSeconds()
                : request.leaseSeconds();
        if (max < 1 || max > config.maxClaim()) {
            throw ProblemException.badRequest("max must be between 1 and " + config.maxClaim() + ", not " + max + ".");
        }
        if (lease < 1 || lease > config.maxLeaseSeconds()) {
            throw ProblemException.badRequest(
                    "leaseSeconds must be between 1 and " + config.maxLeaseSeconds() + ", not " + lease + ".");
        }
        String holder = request != null && request.diallerId() != null && !request.diallerId().isBlank()
                ? request.diallerId().trim()
                : token.getSubject();
        // A retried claim gets the callbacks the first one leased, not a second batch.
        return idempotency.once(tenantId, idempotencyKey,
                "POST /api/v1/dialler/service-queues/" + serviceQueue + "/claims", request,
                () -> claims.claim(tenantId, serviceQueue, max, lease, holder).map(
                        list -> Response.ok(new Claimed(list.stream().map(ClaimedCallback::of).toList())).build()));
    }
}
