package io.switchboard.callback.ameyo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.CallbackStates;
import io.switchboard.callback.request.CallbackIntakeService;
import io.switchboard.common.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Ameyo's "scheduled callbacks": the tenant's callbacks that wait for a call (not yet in progress or finished). Ameyo's
 * campaign is Switchboard's service queue; its customerCallbackId is the confirmation code.
 */
@ApplicationScoped
public class AmeyoCallbacks {

    private static final String SCHEDULED_SQL = "state IN " + CallbackStates.in(CallbackStates.SCHEDULED_FOR_AMEYO);

    private final Pool pool;
    private final CallbackIntakeService intake;

    public AmeyoCallbacks(Pool pool, CallbackIntakeService intake) {
        this.pool = pool;
        this.intake = intake;
    }

    /** The seed's filters; null means "no filter". Times are epoch milliseconds. */
    public record Filter(int limit, int offset, Long campaignId, Boolean info, Long fromDateAdded, Long toDateAdded,
            Long fromDateScheduled, Long toDateScheduled, List<String> userIds) {
    }

    /** One callback in the seed's response shape. */
    @JsonPropertyOrder({ "customerCallbackId", "campaignId", "callbackTime", "selfCallback", "userId", "phone",
            "customerId", "dateAdded" })
    public record CustomerCallback(String customerCallbackId, long campaignId, long callbackTime, boolean selfCallback,
            String userId, String phone, long customerId, long dateAdded) {
    }

    public Uni<List<CustomerCallback>> filtered(String tenantId, Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT confirmation_code, service_queue_id, due_at, self_callback,"
                + " user_id, phone_number, customer_ref, created_at FROM callback WHERE tenant_id = $1 AND "
                + SCHEDULED_SQL);
        Tuple args = Tuple.of(tenantId);
        if (filter.campaignId() != null) {
            sql.append(" AND service_queue_id = $").append(args.size() + 1);
            args.addLong(filter.campaignId());
        }
        range(sql, args, "created_at", filter.fromDateAdded(), filter.toDateAdded());
        range(sql, args, "due_at", filter.fromDateScheduled(), filter.toDateScheduled());
        if (filter.userIds() != null && !filter.userIds().isEmpty()) {
            sql.append(" AND user_id = ANY($").append(args.size() + 1).append(")");
            args.addArrayOfString(filter.userIds().toArray(String[]::new));
        }
        if (Boolean.TRUE.equals(filter.info())) {
            // "information provided at the time of scheduling": a name or any of the ten fields
            sql.append(" AND num_nonnulls(customer_name, field1, field2, field3, field4, field5, field6, field7,"
                    + " field8, field9, field10) > 0");
        }
        sql.append(" ORDER BY due_at, confirmation_code LIMIT $").append(args.size() + 1).append(" OFFSET $")
                .append(args.size() + 2);
        args.addInteger(filter.limit()).addInteger(filter.offset());
        return pool.preparedQuery(sql.toString()).execute(args).map(rows -> {
            List<CustomerCallback> found = new ArrayList<>(rows.size());
            for (Row row : rows) {
                found.add(new CustomerCallback(row.getString("confirmation_code"), row.getLong("service_queue_id"),
                        epochMillis(row.getOffsetDateTime("due_at")), row.getBoolean("self_callback"),
                        row.getString("user_id"), row.getString("phone_number"), row.getLong("customer_ref"),
                        epochMillis(row.getOffsetDateTime("created_at"))));
            }
            return found;
        });
    }

    /**
     * Withdraws a scheduled callback through the intake service's cancel rule (state CANCELLED, with an event), so no
     * dialler calls it; the row stays for the record. Fails with the seed's 512 error when the tenant has no scheduled
     * callback with that id.
     */
    public Uni<Void> delete(String tenantId, String customerCallbackId) {
        return pool
                .preparedQuery(
                        "SELECT 1 FROM callback WHERE tenant_id = $1 AND confirmation_code = $2 AND " + SCHEDULED_SQL)
                .execute(Tuple.of(tenantId, customerCallbackId))
                .map(rows -> rows.iterator().hasNext() ? Boolean.TRUE : null).onItem().ifNull()
                .failWith(() -> AmeyoError.unknownCallback(customerCallbackId))
                .flatMap(scheduled -> intake.cancel(tenantId, customerCallbackId)).onFailure(ProblemException.class)
                .transform(gone -> AmeyoError.unknownCallback(customerCallbackId));
    }

    private static void range(StringBuilder sql, Tuple args, String column, Long from, Long to) {
        if (from != null) {
            sql.append(" AND ").append(column).append(" >= $").append(args.size() + 1);
            args.addOffsetDateTime(at(from));
        }
        if (to != null) {
            sql.append(" AND ").append(column).append(" <= $").append(args.size() + 1);
            args.addOffsetDateTime(at(to));
        }
    }

    private static OffsetDateTime at(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC);
    }

    private static long epochMillis(OffsetDateTime at) {
        return at == null ? 0 : at.toInstant().toEpochMilli();
    }
}
