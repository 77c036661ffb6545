package io.switchboard.common.problem;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Tells a failure of a dependency (database, broker) from a bug, so that the caller gets "try again" (503 on the modern
 * API, result code 2 on the legacy one) rather than a 500.
 */
public final class DependencyFailures {

    /** Seconds a client is told to wait before trying again while a dependency is unreachable. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private DependencyFailures() {
    }

    /**
     * 503 with Retry-After for a legacy method whose contract has one JSON answer shape (a bare boolean or integer):
     * the body keeps that shape, the status and header say "try again".
     */
    public static Response legacyUnavailable(Object body) {
        return Response.status(503).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedChannelException || t instanceof TimeoutException
                    || t instanceof io.vertx.core.VertxException && isConnectionMessage(t.getMessage())
                    || t.getClass().getName().startsWith("org.apache.kafka.common.errors.")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isConnectionMessage(String message) {
        return message != null && (message.contains("Connection") || message.contains("connection")
                || message.contains("closed") || message.contains("timeout") || message.contains("Timeout"));
    }
}
