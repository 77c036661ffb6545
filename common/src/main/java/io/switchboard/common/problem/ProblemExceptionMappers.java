package io.switchboard.common.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure of a modern endpoint into problem JSON. Compatibility facades declare their own mappers in their
 * resource classes (those take precedence) so that old clients keep their old error shapes.
 */
public class ProblemExceptionMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri, "A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri, "The token issued has expired or is invalid.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(null, "Forbidden", 403, "The token does not grant the scope this operation needs.",
                uri.getPath(), null));
    }

    // Quarkus ships mappers for these two subtypes; naming them here keeps every unreadable body a problem document.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e, UriInfo uri) {
        return unreadableBody(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e, UriInfo uri) {
        String detail = "The request body is not valid JSON.";
        if (e instanceof MismatchedInputException mismatch) {
            String field = fieldOf(mismatch);
            detail = field.isEmpty() ? "A value in the request body has the wrong type."
                    : "The value of '" + field + "' has the wrong type.";
        }
        return respond(ProblemException.badRequest("Parameters passed across are invalid. " + detail)
                .toProblem(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return unauthorized(uri, "A valid bearer token is required.");
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The requested media type is not available.";
            case 415 -> "The request body's media type is not supported; send application/json.";
            default -> title;
        };
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json, uri);
        }
        return respond(new Problem(null, title, status, detail, uri.getPath(), null));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DependencyFailures.isUnavailable(e)) {
            Log.warnf("Dependency unavailable while serving %s: %s", uri.getPath(), e.toString());
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, DependencyFailures.RETRY_AFTER_SECONDS)
                    .type(Problem.MEDIA_TYPE)
                    .entity(new Problem(null, "Service Unavailable", 503,
                            "A dependency of this service is unreachable; nothing was changed. Try again shortly.",
                            uri.getPath(), null))
                    .build();
        }
        Log.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return respond(new Problem(null, "Internal Server Error", 500,
                "The request could not be completed; it has been logged.", uri.getPath(), null));
    }

    private static Response unauthorized(UriInfo uri, String detail) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(Problem.MEDIA_TYPE)
                .entity(new Problem(null, "Unauthorized", 401, detail, uri.getPath(), null)).build();
    }

    private static String fieldOf(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
