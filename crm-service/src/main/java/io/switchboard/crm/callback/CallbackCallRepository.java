package io.switchboard.crm.callback;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** What crm-service knows of each callback from {@code switchboard.callback-events}. */
@ApplicationScoped
public class CallbackCallRepository {

    /** A callback as heard of so far. */
    public record CallbackCall(String confirmationCode, Long serviceQueue, Integer callType, String phoneNumber,
            String customerName, OffsetDateTime requestedAt, OffsetDateTime firstAttemptAt, Long activityId) {

        static CallbackCall of(Row row) {
            return new CallbackCall(row.getString("confirmation_code"), row.getLong("service_queue"),
                    row.getInteger("call_type"), row.getString("phone_number"), row.getString("customer_name"),
                    row.getOffsetDateTime("requested_at"), row.getOffsetDateTime("first_attempt_at"),
                    row.getLong("activity_id"));
        }
    }

    /** Records or refreshes what a requested, due or amended event says about the callback. */
    public Uni<Void> upsert(SqlClient tx, String tenantId, String code, Long serviceQueue, Integer callType,
            String phoneNumber, String customerName, OffsetDateTime requestedAt) {
        return tx
                .preparedQuery("INSERT INTO callback_call (tenant_id, confirmation_code, service_queue, call_type,"
                        + " phone_number, customer_name, requested_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
                        + " ON CONFLICT (tenant_id, confirmation_code) DO UPDATE SET"
                        + " service_queue = COALESCE(EXCLUDED.service_queue, callback_call.service_queue),"
                        + " call_type = COALESCE(EXCLUDED.call_type, callback_call.call_type),"
                        + " phone_number = COALESCE(EXCLUDED.phone_number, callback_call.phone_number),"
                        + " customer_name = COALESCE(EXCLUDED.customer_name, callback_call.customer_name),"
                        + " requested_at = COALESCE(callback_call.requested_at, EXCLUDED.requested_at)")
                .execute(Tuple.from(
                        Arrays.asList(tenantId, code, serviceQueue, callType, phoneNumber, customerName, requestedAt)))
                .replaceWithVoid();
    }

    /** Notes the first call attempt's progress, and returns the callback locked for the caller's transaction. */
    public Uni<CallbackCall> attempted(SqlClient tx, String tenantId, String code, Long serviceQueue,
            OffsetDateTime at) {
        return tx.preparedQuery("INSERT INTO callback_call (tenant_id, confirmation_code, service_queue,"
                + " first_attempt_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, confirmation_code) DO UPDATE SET"
                + " first_attempt_at = COALESCE(callback_call.first_attempt_at, EXCLUDED.first_attempt_at),"
                + " service_queue = COALESCE(callback_call.service_queue, EXCLUDED.service_queue) RETURNING *")
                .execute(Tuple.of(tenantId, code, serviceQueue, at))
                .map(rows -> CallbackCall.of(rows.iterator().next()));
    }

    public Uni<Void> finished(SqlClient tx, String tenantId, String code, long activityId) {
        return tx
                .preparedQuery("UPDATE callback_call SET activity_id = $3 WHERE tenant_id = $1"
                        + " AND confirmation_code = $2 AND activity_id IS NULL")
                .execute(Tuple.of(tenantId, code, activityId)).replaceWithVoid();
    }

    /** Forgets the number and name of the tenant's callbacks with any of these numbers; returns how many. */
    public Uni<Integer> erase(SqlClient tx, String tenantId, List<String> phones) {
        return tx
                .preparedQuery("UPDATE callback_call SET phone_number = NULL, customer_name = NULL WHERE tenant_id = $1"
                        + " AND phone_number = ANY($2)")
                .execute(Tuple.of(tenantId, phones.toArray(String[]::new))).map(rows -> rows.rowCount());
    }
}
