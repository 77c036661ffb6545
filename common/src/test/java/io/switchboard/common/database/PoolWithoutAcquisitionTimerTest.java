package io.switchboard.common.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * A query whose connection cannot be had (nothing listens on the port, as while Postgres restarts) must fail its caller
 * once and leave nothing for the event loop. The pool's own wait timer completes the failed promise a second time
 * (eclipse-vertx/vertx-sql-client#1706); the pool {@link PoolWithoutAcquisitionTimer} builds has no such timer.
 */
class PoolWithoutAcquisitionTimerTest {

    private Vertx vertx;
    private final Queue<Throwable> uncaught = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        vertx.exceptionHandler(uncaught::add);
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    @SuppressWarnings("deprecation")
    void theLibrarysPoolReportsAFailedAcquisitionTwice() throws Exception {
        // The defect the class works around; when this fails, the library is fixed and the class can go.
        Pool pool = PgPool.pool(vertx, List.of(deadDatabase()), timer());
        assertThat(failsOnce(pool)).isTrue();
        Thread.sleep(1500);
        assertThat(uncaught).isNotEmpty().first().isInstanceOf(IllegalStateException.class);
        pool.close();
    }

    @Test
    void shouldFailTheCallerOnceAndLeaveNothingForTheEventLoop() throws Exception {
        Pool pool = new PoolWithoutAcquisitionTimer().create(new PgPoolCreator.Input() {
            @Override
            public Vertx vertx() {
                return vertx;
            }

            @Override
            public PoolOptions poolOptions() {
                return timer();
            }

            @Override
            public List<PgConnectOptions> pgConnectOptionsList() {
                return List.of(deadDatabase());
            }
        });
        assertThat(failsOnce(pool)).isTrue();
        Thread.sleep(1500);
        assertThat(uncaught).isEmpty();
        pool.close();
    }

    /** A wait timer of 1 s (Quarkus leaves the library's 30 s), so that it would fire within the test. */
    private static PoolOptions timer() {
        return new PoolOptions().setMaxSize(2).setConnectionTimeout(1).setConnectionTimeoutUnit(TimeUnit.SECONDS);
    }

    private static PgConnectOptions deadDatabase() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("none").setUser("postgres");
    }

    private static boolean failsOnce(Pool pool) {
        try {
            pool.query("SELECT 1").execute().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return false;
        } catch (Exception expected) {
            return true;
        }
    }
}
