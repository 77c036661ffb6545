package io.switchboard.common.problem;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure of a dependency (database, broker) from a bug, so that the caller gets "try again" (503 on the modern
 * API, result code 2 on the legacy one) rather than a 500.
 */
public final class DependencyFailures {

    private DependencyFailures() {
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
