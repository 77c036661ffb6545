package io.switchboard.callback;

import java.util.UUID;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Test data written straight to the service's schema, for what no API creates yet. */
public final class TestFixtures {

    private TestFixtures() {
    }

    /** A tenant of its own for each test class, so classes never see each other's rows. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void serviceQueue(Pool pool, String tenantId, long id, String name, String zone) {
        pool.preparedQuery("INSERT INTO service_queue (tenant_id, id, name, time_zone) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT DO NOTHING").execute(Tuple.of(tenantId, id, name, zone)).await().indefinitely();
    }
}
