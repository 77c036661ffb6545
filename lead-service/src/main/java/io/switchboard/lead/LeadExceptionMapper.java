package io.switchboard.lead;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.problem.ProblemExceptionMappers;

/** Problem JSON for lead-service's domain refusals on the modern and Platform APIs. */
public class LeadExceptionMapper {

    @ServerExceptionMapper
    public Response refused(LeadException e, UriInfo uri) {
        return ProblemExceptionMappers.respond(toProblem(e).toProblem(uri.getPath()));
    }

    public static ProblemException toProblem(LeadException e) {
        return switch (e.kind()) {
            case INVALID -> new ProblemException(400,
                    e.concernsPhone() && e.errors().size() == 1 ? "invalid-phone-number" : "invalid-parameters",
                    "Bad Request", e.getMessage(), e.errors());
            case NOT_FOUND -> new ProblemException(404, "not-found", "Not Found", e.getMessage(), e.errors());
            case CONFLICT -> new ProblemException(409, "conflict", "Conflict", e.getMessage(), e.errors());
        };
    }
}
