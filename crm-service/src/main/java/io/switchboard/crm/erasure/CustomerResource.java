package io.switchboard.crm.erasure;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.problem.ProblemExceptionMappers;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.crm.InvalidInputException;

/** Platform API v3.0 customer deletion: erases a person across the platform (GDPR). */
@Path("/platform-api/v3.0/customer")
@Tag(name = "Platform API v3.0")
@RolesAllowed(CustomerResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    public static final String SCOPE = "platform-api";

    private final ErasureService erasures;
    private final TenantContext tenant;
    private final JsonWebToken token;

    public CustomerResource(ErasureService erasures, TenantContext tenant, JsonWebToken token) {
        this.erasures = erasures;
        this.tenant = tenant;
        this.token = token;
    }

    @DELETE
    @Operation(summary = "Delete Customer details", description = "Erases every record of the person with this phone"
            + " number and/or e-mail address in every service. 200 with the counts once every service has answered"
            + " (Content-Location names the audit record); 202 with Location /api/v1/erasures/{id} when some have"
            + " not within switchboard.crm.erasure.answer-within. Repeating it is safe.")
    public Uni<Response> delete(@QueryParam("phoneNumber") String phoneNumber,
            @QueryParam("emailAddress") String emailAddress) {
        String tenantId = tenant.tenantId();
        Input.check().text("phoneNumber", phoneNumber, Input.NAME).text("emailAddress", emailAddress, Input.EMAIL)
                .done();
        return erasures.erase(tenantId, token.getSubject(), phoneNumber, emailAddress).map(e -> {
            URI audit = URI.create("/api/v1/erasures/" + e.id());
            if (e.completed()) {
                return Response.ok(ErasureViews.Result.of(e)).header("Content-Location", audit).build();
            }
            return Response
                    .accepted(new ErasureViews.Accepted(e.id(), ErasureViews.status(e), ErasureViews.awaiting(e)))
                    .location(audit).build();
        });
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, jakarta.ws.rs.core.UriInfo uri) {
        return ProblemExceptionMappers.respond(ProblemException.badRequest(e.getMessage()).toProblem(uri.getPath()));
    }
}
