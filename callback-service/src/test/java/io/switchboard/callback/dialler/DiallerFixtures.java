package io.switchboard.callback.dialler;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Queues and waiting callbacks written straight to the schema, in the states intake would leave them. */
final class DiallerFixtures {

    private DiallerFixtures() {
    }

    static void queue(Pool pool, String tenantId, long id, int retryMaxAttempts, int retryIntervalSeconds) {
        pool.preparedQuery("INSERT INTO service_queue (tenant_id, id, name, time_zone, retry_max_attempts,"
                + " retry_interval_seconds) VALUES ($1, $2, $3, 'Europe/London', $4, $5) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, id, "Queue " + id, retryMaxAttempts, retryIntervalSeconds)).await()
                .indefinitely();
    }

    /** A waiting callback (PENDING, SCHEDULED or RESCHEDULED) due at the given time; returns its confirmation code. */
    static String callback(Pool pool, String tenantId, long queue, String state, OffsetDateTime dueAt, String phone,
            String name, String field1) {
        String code = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        pool.preparedQuery("INSERT INTO callback (id, tenant_id, confirmation_code, service_queue_id, call_type,"
                + " customer_name, phone_number, field1, state, due_at, scheduled_for)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString(tenantId).addString(code).addLong(queue)
                        .addShort((short) ("PENDING".equals(state) ? 1 : 2)).addString(name).addString(phone)
                        .addString(field1).addString(state).addOffsetDateTime(dueAt)
                        .addOffsetDateTime("PENDING".equals(state) ? null : dueAt))
                .await().indefinitely();
        return code;
    }

    /** Lets every lease on the callback run out, as time would. */
    static void expireLease(Pool pool, String code) {
        pool.preparedQuery(
                "UPDATE callback SET lease_expires_at = now() - interval '1 second'" + " WHERE confirmation_code = $1")
                .execute(Tuple.of(code)).await().indefinitely();
    }
}
