package io.switchboard.common.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the error body of every modern endpoint.
 *
 * @param type
 *            a URI naming the kind of problem; never null: when none is given, the one of the status
 *            ({@link ProblemTypes#forStatus})
 * @param title
 *            a short, human-readable summary that does not change between occurrences
 * @param status
 *            the HTTP status code
 * @param detail
 *            what went wrong this time, in words a caller can act on
 * @param instance
 *            the request path
 * @param errors
 *            field-level violations, when there are any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        if (type == null || "about:blank".equals(type.toString())) {
            type = ProblemTypes.forStatus(status);
        }
    }

    /** One rejected field. */
    public record FieldError(String field, String message) {
    }
}
