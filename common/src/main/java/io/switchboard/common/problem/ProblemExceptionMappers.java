package io.switchboard.common.problem;

import java.util.List;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.common.input.Input;
import io.switchboard.common.input.NoNulStrings;

/**
 * Turns every failure of a modern endpoint into problem JSON, each with a stable {@code type} from
 * {@link ProblemTypes}. Compatibility facades declare their own mappers in their resource classes (those take
 * precedence) so that old clients keep their old error shapes.
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
        return respond(new Problem(ProblemTypes.FORBIDDEN, "Forbidden", 403,
                "The token does not grant the scope this operation needs.", uri.getPath(), null));
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
        return respond(unreadable(e, uri.getPath()));
    }

    /**
     * The problem of a request body Jackson could not read: malformed JSON (a syntax error, a duplicate key) or a value
     * of the wrong shape (naming its field), or more than one JSON value.
     */
    public static Problem unreadable(JsonProcessingException e, String instance) {
        if (e instanceof StreamReadException && !(e instanceof MismatchedInputException)) {
            return new Problem(ProblemTypes.MALFORMED_JSON, "Bad Request", 400,
                    "Parameters passed across are invalid. The request body is not valid JSON (a syntax error or"
                            + " a duplicate key).",
                    instance, null);
        }
        String detail = "The request body is not valid JSON.";
        if (e instanceof NoNulStrings.UnstorableText text) {
            String field = fieldOf(text);
            String name = field.isEmpty() ? "value" : field;
            return Input.invalid(List.of(new Problem.FieldError(name, "must not contain the NUL character (\\u0000).")))
                    .toProblem(instance);
        }
        if (e instanceof MismatchedInputException mismatch) {
            String field = fieldOf(mismatch);
            detail = field.isEmpty() ? "The request body is not a single JSON value of the expected shape."
                    : "The value of '" + field + "' has the wrong type.";
        }
        return ProblemException.badRequest("Parameters passed across are invalid. " + detail).toProblem(instance);
    }

    /**
     * No resource at the path, or (RESTEasy's way of saying it) a path or query parameter its Java type cannot hold:
     * {@code ?limit=99999999999} for an int, {@code /campaigns/9223372036854775808} for a long. The latter is the
     * client's value, so a 400 naming the problem, never a 500 or a bare 404.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        if (e.getCause() instanceof IllegalArgumentException) {
            return respond(ProblemException
                    .badRequest("Parameters passed across are invalid. A path or query"
                            + " parameter is not a value of its type (a number too large, or not a number).")
                    .toProblem(uri.getPath()));
        }
        return webApplication(e, uri);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        Response problem = webApplication(e, uri);
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? problem : Response.fromResponse(problem).header(HttpHeaders.ALLOW, allow).build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, UriInfo uri) {
        return webApplication(e, uri);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, UriInfo uri) {
        return webApplication(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 401) {
            return unauthorized(uri, "A valid bearer token is required.");
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableBody(json, uri);
        }
        if (status == 503) {
            return DependencyFailures.unavailable(uri.getPath());
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 400 -> "The request is not one this endpoint can read.";
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The requested media type is not available.";
            case 413 -> "The request is too large.";
            case 415 -> "The request body's media type is not supported; send application/json.";
            default -> title;
        };
        if (status >= 500) {
            Log.errorf(e, "Failure serving %s", uri.getPath());
        }
        return respond(new Problem(ProblemTypes.forStatus(status), title, status, detail, uri.getPath(), null));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DependencyFailures.isUnavailable(e)) {
            Log.warnf("Dependency unavailable while serving %s: %s", uri.getPath(), e.toString());
            return DependencyFailures.unavailable(uri.getPath());
        }
        Log.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return respond(new Problem(ProblemTypes.INTERNAL_ERROR, "Internal Server Error", 500,
                "The request could not be completed; it has been logged.", uri.getPath(), null));
    }

    private static Response unauthorized(UriInfo uri, String detail) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").type(Problem.MEDIA_TYPE)
                .entity(new Problem(ProblemTypes.UNAUTHORIZED, "Unauthorized", 401, detail, uri.getPath(), null))
                .build();
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
