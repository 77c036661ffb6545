package io.switchboard.callback;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackState;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one way to the {@code callback} and {@code callback_status_change} tables, over the reactive pool. Lookups are
 * always within the caller's tenant; changes run on the connection of the caller's transaction
 * ({@code Outbox.inTransaction}), and the rows a change is about are locked first ({@code FOR UPDATE}), so concurrent
 * changes of one callback wait for each other instead of failing.
 */
@ApplicationScoped
public class CallbackRepository {

    public static final String COLUMNS = "id, tenant_id, confirmation_code, service_queue_id, call_type, customer_name,"
            + " phone_number, region, field1, field2, field3, field4, field5, field6, field7, field8, field9, field10,"
            + " timeslot_id, scheduled_for, due_at, pin, state, last_call_status, retries, created_at, updated_at,"
            + " version, lease_id, lease_holder, lease_seconds, lease_expires_at, announced_due_at, user_id,"
            + " self_callback, dedup_key";

    private static final String INSERT = "INSERT INTO callback (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7,"
            + " $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28,"
            + " $29, $30, $31, $32, $33, $34, $35, $36)";

    private static final String UPDATE = "UPDATE callback SET customer_name = $2, phone_number = $3, region = $4,"
            + " field1 = $5, field2 = $6, field3 = $7, field4 = $8, field5 = $9, field6 = $10, field7 = $11,"
            + " field8 = $12, field9 = $13, field10 = $14, timeslot_id = $15, scheduled_for = $16, due_at = $17,"
            + " state = $18, last_call_status = $19, retries = $20, updated_at = $21, lease_id = $22,"
            + " lease_holder = $23, lease_seconds = $24, lease_expires_at = $25, announced_due_at = $26,"
            + " dedup_key = $27, version = version + 1 WHERE id = $1";

    private final Pool pool;

    public CallbackRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Callback> findByConfirmationCode(String tenantId, String confirmationCode) {
        return one(pool, "SELECT " + COLUMNS + " FROM callback WHERE tenant_id = $1 AND confirmation_code = $2",
                Tuple.of(tenantId, confirmationCode));
    }

    /** The callback, locked for the rest of the transaction; null when the tenant has none with this code. */
    public Uni<Callback> lockByConfirmationCode(SqlConnection tx, String tenantId, String confirmationCode) {
        return one(tx,
                "SELECT " + COLUMNS + " FROM callback WHERE tenant_id = $1 AND confirmation_code = $2 FOR UPDATE",
                Tuple.of(tenantId, confirmationCode));
    }

    /**
     * Locks and returns rows another transaction does not hold ({@code FOR UPDATE SKIP LOCKED}), in due order.
     *
     * @param where
     *            the condition, with its parameters in {@code args}
     */
    public Uni<List<Callback>> lockSkippingLocked(SqlConnection tx, String where, Tuple args, int limit) {
        args.addInteger(limit);
        return many(tx, "SELECT " + COLUMNS + " FROM callback WHERE " + where + " ORDER BY due_at, created_at LIMIT $"
                + args.size() + " FOR UPDATE SKIP LOCKED", args);
    }

    /** The tenant's callbacks a dialler is working on, most recently changed first. */
    public Uni<List<Callback>> inProgress(String tenantId, int limit) {
        return many(pool, "SELECT " + COLUMNS + " FROM callback WHERE tenant_id = $1 AND state = 'IN_PROGRESS'"
                + " ORDER BY updated_at DESC LIMIT $2", Tuple.of(tenantId, limit));
    }

    /** The tenant's unfinished callback with this PIN, or null. */
    public Uni<Callback> activeByPin(String tenantId, String pin) {
        return one(pool, "SELECT " + COLUMNS + " FROM callback WHERE tenant_id = $1 AND pin = $2 AND state NOT IN "
                + CallbackStates.in(CallbackStates.FINISHED) + " LIMIT 1", Tuple.of(tenantId, pin));
    }

    /** Writes a new callback as it stands. */
    public Uni<Void> insert(SqlClient tx, Callback c) {
        return tx.preparedQuery(INSERT).execute(values(c)).replaceWithVoid();
    }

    private static Tuple values(Callback c) {
        return Tuple.from(Arrays.asList(c.id, c.tenantId, c.confirmationCode, c.serviceQueueId, c.callType,
                c.customerName, c.phoneNumber, c.region, c.field1, c.field2, c.field3, c.field4, c.field5, c.field6,
                c.field7, c.field8, c.field9, c.field10, c.timeslotId, c.scheduledFor, c.dueAt, c.pin, name(c.state),
                name(c.lastCallStatus), c.retries, c.createdAt, c.updatedAt, c.version, c.leaseId, c.leaseHolder,
                c.leaseSeconds, c.leaseExpiresAt, c.announcedDueAt, c.userId, c.selfCallback, c.dedupKey));
    }

    /**
     * Writes a new callback unless an active callback of the queue already holds its {@code dedupKey}: one statement,
     * kept true under concurrency by the unique index {@code callback_active_duplicate}. False when one does.
     */
    public Uni<Boolean> insertUnlessDuplicate(SqlConnection tx, Callback c) {
        return tx.preparedQuery(INSERT + " ON CONFLICT (tenant_id, service_queue_id, dedup_key)"
                + " WHERE dedup_key IS NOT NULL AND state NOT IN ('CANCELLED', 'FAILED', 'SUCCEEDED') DO NOTHING"
                + " RETURNING id").execute(values(c)).map(rows -> rows.size() == 1);
    }

    /** The active callback of the queue that holds the duplicate key, or null. */
    public Uni<Callback> activeDuplicate(SqlConnection tx, String tenantId, long queueId, String dedupKey) {
        return one(tx,
                "SELECT " + COLUMNS + " FROM callback WHERE tenant_id = $1 AND service_queue_id = $2"
                        + " AND dedup_key = $3 AND state NOT IN ('CANCELLED', 'FAILED', 'SUCCEEDED')",
                Tuple.of(tenantId, queueId, dedupKey));
    }

    /** Lets a callback older than its queue's duplicate window stop answering repeat requests. */
    public Uni<Void> forgetDuplicateKey(SqlConnection tx, UUID id) {
        return tx.preparedQuery("UPDATE callback SET dedup_key = NULL WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /** Writes back every mutable column of a callback the transaction has locked. */
    public Uni<Void> update(SqlConnection tx, Callback c) {
        c.version++;
        return tx.preparedQuery(UPDATE)
                .execute(Tuple.from(Arrays.asList(c.id, c.customerName, c.phoneNumber, c.region, c.field1, c.field2,
                        c.field3, c.field4, c.field5, c.field6, c.field7, c.field8, c.field9, c.field10, c.timeslotId,
                        c.scheduledFor, c.dueAt, name(c.state), name(c.lastCallStatus), c.retries, c.updatedAt,
                        c.leaseId, c.leaseHolder, c.leaseSeconds, c.leaseExpiresAt, c.announcedDueAt, c.dedupKey)))
                .replaceWithVoid();
    }

    /** Appends a reported status to the callback's audit trail. */
    public Uni<Void> recordStatus(SqlConnection tx, UUID callbackId, CallStatus status, OffsetDateTime at) {
        return tx.preparedQuery(
                "INSERT INTO callback_status_change (callback_id, status, occurred_at)" + " VALUES ($1, $2, $3)")
                .execute(Tuple.of(callbackId, status.name(), at)).replaceWithVoid();
    }

    public static Callback from(Row row) {
        Callback c = new Callback();
        c.id = row.getUUID("id");
        c.tenantId = row.getString("tenant_id");
        c.confirmationCode = row.getString("confirmation_code");
        c.serviceQueueId = row.getLong("service_queue_id");
        c.callType = row.getShort("call_type");
        c.customerName = row.getString("customer_name");
        c.phoneNumber = row.getString("phone_number");
        c.region = row.getString("region");
        c.field1 = row.getString("field1");
        c.field2 = row.getString("field2");
        c.field3 = row.getString("field3");
        c.field4 = row.getString("field4");
        c.field5 = row.getString("field5");
        c.field6 = row.getString("field6");
        c.field7 = row.getString("field7");
        c.field8 = row.getString("field8");
        c.field9 = row.getString("field9");
        c.field10 = row.getString("field10");
        c.timeslotId = row.getInteger("timeslot_id");
        c.scheduledFor = row.getOffsetDateTime("scheduled_for");
        c.dueAt = row.getOffsetDateTime("due_at");
        c.pin = row.getString("pin");
        c.state = CallbackState.valueOf(row.getString("state"));
        String status = row.getString("last_call_status");
        c.lastCallStatus = status == null ? null : CallStatus.valueOf(status);
        c.retries = row.getInteger("retries");
        c.createdAt = row.getOffsetDateTime("created_at");
        c.updatedAt = row.getOffsetDateTime("updated_at");
        c.version = row.getLong("version");
        c.leaseId = row.getUUID("lease_id");
        c.leaseHolder = row.getString("lease_holder");
        c.leaseSeconds = row.getInteger("lease_seconds");
        c.leaseExpiresAt = row.getOffsetDateTime("lease_expires_at");
        c.announcedDueAt = row.getOffsetDateTime("announced_due_at");
        c.userId = row.getString("user_id");
        c.selfCallback = Boolean.TRUE.equals(row.getBoolean("self_callback"));
        c.dedupKey = row.getString("dedup_key");
        return c;
    }

    private static Uni<Callback> one(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args)
                .map(rows -> rows.iterator().hasNext() ? from(rows.iterator().next()) : null);
    }

    private static Uni<List<Callback>> many(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(CallbackRepository::all);
    }

    public static List<Callback> all(RowSet<Row> rows) {
        List<Callback> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(from(row)));
        return list;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
