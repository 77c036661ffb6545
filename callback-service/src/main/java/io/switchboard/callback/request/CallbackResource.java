package io.switchboard.callback.request;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.CallbackRepository;
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

    public CallbackResource(CallbackIntakeService intake, CallbackRepository callbacks, TenantContext tenant) {
        this.intake = intake;
        this.callbacks = callbacks;
        this.tenant = tenant;
    }

    public record Created(String confirmationCode) {
    }

    @POST
    @Operation(summary = "Request a callback", description = "callType 1 = call when available, 2 = scheduled into a timeslot.")
    public Uni<Response> request(CallbackRequest request, UriInfo uri) {
        tenant.requireScopeOrUnauthorized(SCOPE);
        return intake.request(tenant.tenantId(), request)
                .map(callback -> Response.created(URI.create("/api/v1/callbacks/" + callback.confirmationCode))
                        .entity(new Created(callback.confirmationCode)).build());
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
        return ProblemExceptionMappers
                .respond(new ProblemException(400, rejection.reason().slug(), "Bad Request", rejection.getMessage())
                        .toProblem(uri.getPath()));
    }
}
