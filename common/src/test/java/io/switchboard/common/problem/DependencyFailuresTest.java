package io.switchboard.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** Dependency failures are told from bugs by type and SQLSTATE, never by message text. */
class DependencyFailuresTest {

    private static PgException pg(String sqlState, String message) {
        return new PgException(message, "FATAL", sqlState, null);
    }

    @Test
    void shouldCallPostgresShuttingDownOrRefusingConnectionsUnavailable() {
        assertThat(DependencyFailures.isUnavailable(pg("57P01", "terminating connection due to administrator command")))
                .isTrue();
        assertThat(DependencyFailures.isUnavailable(pg("57P02", "crash shutdown"))).isTrue();
        assertThat(DependencyFailures.isUnavailable(pg("57P03", "the database system is starting up"))).isTrue();
        assertThat(DependencyFailures.isUnavailable(pg("08006", "connection failure"))).isTrue();
        assertThat(DependencyFailures.isUnavailable(pg("08001", "unable to connect"))).isTrue();
        assertThat(DependencyFailures.isUnavailable(pg("53300", "sorry, too many clients already"))).isTrue();
    }

    @Test
    void shouldCallPostgresErrorsOfTheStatementBugsWhateverTheirMessage() {
        assertThat(DependencyFailures.isUnavailable(pg("22003", "bigint out of range"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(pg("22021", "invalid byte sequence for encoding \"UTF8\": 0x00")))
                .isFalse();
        assertThat(DependencyFailures.isUnavailable(pg("23505", "Connection closed timeout in the message"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(pg("42P01", "relation does not exist"))).isFalse();
    }

    @Test
    void shouldCallLostConnectionsAndTimeoutsUnavailable() {
        assertThat(DependencyFailures.isUnavailable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DependencyFailures.isUnavailable(ConnectionBase.CLOSED_EXCEPTION)).isTrue();
        assertThat(DependencyFailures.isUnavailable(new VertxException("Timeout waiting for connection", true)))
                .isTrue();
        assertThat(DependencyFailures.isUnavailable(
                new NoStackTraceThrowable("Pending requests failed to be sent due to connection has been closed.")))
                        .isTrue();
        assertThat(DependencyFailures.isUnavailable(new ConnectException("Connection refused"))).isTrue();
        assertThat(DependencyFailures.isUnavailable(new SocketException("Connection reset"))).isTrue();
        assertThat(DependencyFailures.isUnavailable(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(DependencyFailures.isUnavailable(new TimeoutException())).isTrue();
        assertThat(DependencyFailures.isUnavailable(new io.smallrye.mutiny.TimeoutException())).isTrue();
        assertThat(DependencyFailures.isUnavailable(
                new CompletionException(new org.apache.kafka.common.errors.TimeoutException("Topic not present"))))
                        .isTrue();
        assertThat(DependencyFailures.isUnavailable(new NotLeaderOrFollowerException())).isTrue();
    }

    @Test
    void shouldFindTheFailureAmongTheCauses() {
        assertThat(DependencyFailures
                .isUnavailable(new IllegalStateException("wrapped", new RuntimeException(pg("57P01", "terminating")))))
                        .isTrue();
    }

    @Test
    void shouldCallBugsBugsEvenWhenTheirMessageTalksAboutConnections() {
        assertThat(DependencyFailures.isUnavailable(new IllegalStateException("Connection is closed"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(new VertxException("Connection closed, timeout"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(new RuntimeException("connection timeout"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(new ArithmeticException("long overflow"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(new JsonParseException(null, "Unexpected character"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(new IOException("Stream closed"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(new SerializationException("bad record"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(new RecordTooLargeException("too large"))).isFalse();
        assertThat(DependencyFailures.isUnavailable(null)).isFalse();
    }

    @Test
    void shouldAnswer503ProblemWithRetryAfter() {
        var response = DependencyFailures.unavailable("/api/v1/x");
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo(DependencyFailures.RETRY_AFTER_SECONDS);
        assertThat(((Problem) response.getEntity()).type()).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
    }
}
