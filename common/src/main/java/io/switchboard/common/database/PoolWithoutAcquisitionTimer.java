package io.switchboard.common.database;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Builds every service's Postgres pool as Quarkus would, but without the pool's 30 s wait-for-a-connection timer.
 * <p>
 * Why: in vertx-sql-client 4.5 ({@code SqlConnectionPool.execute}, eclipse-vertx/vertx-sql-client#1706) that timer is
 * not cancelled when acquiring a connection fails, e.g. while Postgres is down or refuses new clients. The caller gets
 * its error (a 503 here), and 30 s later the timer completes the same promise again: an {@code IllegalStateException:
 * Result is already complete} reaches the event loop for every such request (35 of them in one replica's log during a
 * moment of "too many clients"). Without the timer a request waits for a pooled connection as long as it takes; a
 * database that does not answer still fails it through the connection's own connect timeout (10 s here), and the
 * gateway bounds every request. Remove this class once the pool cancels its timer on failure.
 * </p>
 */
@Singleton
@SuppressWarnings("deprecation") // PgPool: the type Quarkus 3.33 expects from a PgPoolCreator
public class PoolWithoutAcquisitionTimer implements PgPoolCreator {

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions()).setConnectionTimeout(0);
        // What the timer bounded before: a database that does not answer at all (a network partition) fails a new
        // connection after this long rather than the transport's 60 s.
        input.pgConnectOptionsList().forEach(connect -> connect.setConnectTimeout(CONNECT_TIMEOUT_MILLIS));
        // Quarkus casts what a creator returns to PgPool, so build one (PgBuilder's Pool is not).
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), options);
    }
}
