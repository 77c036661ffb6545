package io.switchboard.common.problem;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.errors.RetriableException;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells a failure of a dependency (database, broker) from a bug, so that the caller gets "try again" (503 with
 * Retry-After on the modern API, result code 2 on the legacy one) rather than a 500, and a consumer retries rather than
 * skipping the record.
 * <p>
 * The decision is made by the type of each exception in the cause chain (and, for Postgres, by its SQLSTATE), never by
 * its message:
 * <ul>
 * <li>Postgres errors of class 08 (connection exception), 57P01/57P02/57P03 (administrator, crash shutdown, cannot
 * connect now) and class 53 (insufficient resources: too many connections, out of memory, disk full);</li>
 * <li>the Vert.x SQL client's {@link ClosedConnectionException}, and the exception-less failures it raises for its
 * connection's state ({@link NoStackTraceThrowable}: "connection is not active", "pending requests failed"; the only
 * other source of that type is a statement whose arguments do not fit its parameters, a bug every repository test
 * catches);</li>
 * <li>the stack-trace-less {@link VertxException} singletons Vert.x uses for a closed connection and a pool that timed
 * out waiting for a connection, and {@link ConnectionPoolTooBusyException}, {@link HttpClosedException};</li>
 * <li>socket-level failures: {@link ConnectException}, {@link SocketException} (connection reset, broken pipe, no
 * route), {@link ClosedChannelException}, {@link UnknownHostException}, socket and other I/O timeouts, Netty's native
 * transport I/O errors;</li>
 * <li>{@link TimeoutException} and Mutiny's {@link io.smallrye.mutiny.TimeoutException} (a call that did not answer in
 * time);</li>
 * <li>Kafka's {@link RetriableException} (its TimeoutException, NotLeaderOrFollowerException, NetworkException, ...);
 * other Kafka errors (serialisation, authorisation, record too large) are not the broker being away.</li>
 * </ul>
 */
public final class DependencyFailures {

    /** Seconds a client is told to wait before trying again while a dependency is unreachable. */
    public static final String RETRY_AFTER_SECONDS = "5";

    /** Postgres SQLSTATEs, besides classes 08 and 53, that mean the server is going away or not there yet. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    /** Netty's epoll/kqueue I/O error ("Connection reset by peer"), an IOException outside java.net. */
    private static final String NATIVE_IO_EXCEPTION = "io.netty.channel.unix.Errors$NativeIoException";

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

    /** 503 problem JSON with Retry-After: a dependency is unreachable, nothing was changed. */
    public static Response unavailable(String instance) {
        return Response.status(503).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).type(Problem.MEDIA_TYPE)
                .entity(new Problem(ProblemTypes.SERVICE_UNAVAILABLE, "Service Unavailable", 503,
                        "A dependency of this service is unreachable; nothing was changed. Try again shortly.",
                        instance, null))
                .build();
    }

    /** @return whether the failure, or any of its causes, is a dependency being unreachable (see the class doc) */
    public static boolean isUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (isUnavailableItself(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isUnavailableItself(Throwable t) {
        if (t instanceof DatabaseException db) {
            return isUnavailableState(db.getSqlState());
        }
        return t instanceof ClosedConnectionException || t instanceof NoStackTraceThrowable
                || t instanceof ConnectionPoolTooBusyException || t instanceof HttpClosedException || isVertxSentinel(t)
                || t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedChannelException
                || t instanceof UnknownHostException || t instanceof InterruptedIOException
                || t instanceof TimeoutException || t instanceof io.smallrye.mutiny.TimeoutException
                || t instanceof RetriableException || NATIVE_IO_EXCEPTION.equals(t.getClass().getName());
    }

    /**
     * Vert.x reports a closed connection ("Connection was closed") and a pool wait that timed out ("Timeout waiting for
     * connection") with shared, stack-trace-less instances of {@link VertxException} itself; every other failure
     * carries a subtype or a stack trace.
     */
    private static boolean isVertxSentinel(Throwable t) {
        return t.getClass() == VertxException.class && t.getCause() == null && t.getStackTrace().length == 0;
    }

    /** Connection exceptions (08), insufficient resources (53), shutdown and start-up (57P01-03). */
    static boolean isUnavailableState(String sqlState) {
        return sqlState != null
                && (sqlState.startsWith("08") || sqlState.startsWith("53") || UNAVAILABLE_STATES.contains(sqlState));
    }
}
