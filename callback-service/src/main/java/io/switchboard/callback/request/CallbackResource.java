package io.switchboard.callback.request;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.callback.idempotency.IdempotentRequests;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.problem.ProblemExceptionMappers;
import io.switchboard.common.tenancy.TenantContext;

/**
 * The Buzzeasy unified Callback API, which is also Switchboard's modern callback API. A token without the
 * {@code buzzeasy.callback} scope is answered 401, as the unified API documents.
 */
@Path("/api/v1/callbacks")
@Tag(name = "Callbacks")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallbackResource {

    public static final String SCOPE = "buzzeasy.callback";

    private final CallbackIntakeService intake;
    private final CallbackRepository callbacks;
    private final TenantContext tenant;
    private final IdempotentRequests idempotency;

    public CallbackResource(CallbackIntakeService intake, CallbackRepository callbacks, TenantContext tenant,
            IdempotentRequests idempotency) {
        this.intake = intake;
        this.callbacks = callbacks;
        this.tenant = tenant;
        this.idempotency = idempotency;
    }

    public record Created(String confirmationCode) {
    }

    @POST
    @Operation(summary = "Request a callback", description = "callType 1 = call when available, 2 = scheduled into a"
            + " timeslot. 201 for a new callback; 200 with the waiting callback's code for a repeat request.")
    public Uni<Response> request(CallbackRequest request,
            @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey) {
        tenant.requireScopeOrUnauthorized(SCOPE);
        if (request == null) {
            throw new CallbackRejection(CallbackRejection.Reason.INVALID_PARAMETERS, "A JSON body is required.");
        }
        String tenantId = tenant.tenantId();
        return idempotency.once(tenantId, idempotencyKey, "POST /api/v1/callbacks", request,
                () -> intake.request(tenantId, request).map(result -> {
                    String code = result.callback().confirmationCode;
                    URI location = URI.create("/api/v1/callbacks/" + code);
                    return (result.created() ? Response.created(location) : Response.ok().location(location))
                            .entity(new Created(code)).build();
                }));
    }

    @PATCH
    @Path("/{confirmationCode}")
    @Operation(summary = "Amend a waiting callback", description = "Change name, phoneNo (with region), fields, or"
            + " the timeslot/date of a scheduled callback; absent values stay.")
    public Uni<CallbackView> amend(@PathParam("confirmationCode") String confirmationCode,
            CallbackAmendment amendment) {
        tenant.requireScopeOrUnauthorized(SCOPE);
        return intake.amend(tenant.tenantId(), confirmationCode, amendment).map(CallbackView::of);
    }

    @DELETE
    @Path("/{confirmationCode}")
    @Operation(summary = "Cancel a waiting callback")
    public Uni<Response> cancel(@PathParam("confirmationCode") String confirmationCode) {
        tenant.requireScopeOrUnauthorized(SCOPE);
        return intake.cancel(tenant.tenantId(), confirmationCode).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{confirmationCode}")
    @Operation(summary = "Get a callback by confirmation code")
    public Uni<CallbackView> get(@PathParam("confirmationCode") String confirmationCode) {
        tenant.requireScopeOrUnauthorized(SCOPE);
        return callbacks.findByConfirmationCode(tenant.tenantId(), confirmationCode).onItem().ifNull()
                .failWith(
                        () -> ProblemException.notFound("No callback with confirmation code " + confirmationCode + "."))
                .map(CallbackView::of);
    }

    @ServerExceptionMapper
    public Response rejected(CallbackRejection rejection, UriInfo uri) {
        if (rejection.reason() == CallbackRejection.Reason.RATE_LIMITED) {
            Response limited = ProblemExceptionMappers.respond(
                    new ProblemException(429, rejection.reason().slug(), "Too Many Requests", rejection.getMessage())
                            .toProblem(uri.getPath()));
            return Response.fromResponse(limited)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(rejection.retryAfterSeconds())).build();
        }
        if (rejection.reason() == CallbackRejection.Reason.NO_FREE_PIN) {
            Response unavailable = ProblemExceptionMappers.respond(
                    new ProblemException(503, rejection.reason().slug(), "Service Unavailable", rejection.getMessage())
                            .toProblem(uri.getPath()));
            return Response.fromResponse(unavailable)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(rejection.retryAfterSeconds())).build();
        }
        return ProblemExceptionMappers
                .respond(new ProblemException(400, rejection.reason().slug(), "Bad Request", rejection.getMessage())
                        .toProblem(uri.getPath()));
    }
}
