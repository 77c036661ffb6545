package io.switchboard.common.problem;

import java.net.URI;

/**
 * The stable {@code type} URIs of Switchboard's problem documents. Every problem carries one, including those the
 * framework raises (no such path, method not allowed, media type not supported): a client can tell kinds of failure
 * apart by this URI alone.
 */
public final class ProblemTypes {

    /** Every Switchboard problem type lives under this URI. */
    public static final URI BASE = URI.create("https://switchboard.io/problems/");

    public static final URI INVALID_PARAMETERS = of("invalid-parameters");
    public static final URI MALFORMED_JSON = of("malformed-json");
    public static final URI UNAUTHORIZED = of("unauthorized");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
    public static final URI NOT_ACCEPTABLE = of("not-acceptable");
    public static final URI CONFLICT = of("conflict");
    public static final URI CONTENT_TOO_LARGE = of("content-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
    public static final URI TOO_MANY_REQUESTS = of("too-many-requests");
    public static final URI INTERNAL_ERROR = of("internal-error");
    public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");

    private ProblemTypes() {
    }

    /** The type URI of a slug, {@code https://switchboard.io/problems/<slug>}. */
    public static URI of(String slug) {
        return BASE.resolve(slug);
    }

    /** The type of a problem known only by its status: one per status, {@code http-<status>} for the rare ones. */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_PARAMETERS;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> CONTENT_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> TOO_MANY_REQUESTS;
            case 500 -> INTERNAL_ERROR;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> of("http-" + status);
        };
    }
}
