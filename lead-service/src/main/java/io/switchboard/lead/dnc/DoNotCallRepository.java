package io.switchboard.lead.dnc;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The tenant's do-not-call numbers (E.164). Claims read the table directly in their own SQL. */
@ApplicationScoped
public class DoNotCallRepository {

    private final Pool pool;

    public DoNotCallRepository(Pool pool) {
        this.pool = pool;
    }

    public record Entry(String phoneNumber, String reason, OffsetDateTime createdAt) {
        static Entry of(Row row) {
            return new Entry(row.getString("phone"), row.getString("reason"), row.getOffsetDateTime("created_at"));
        }
    }

    /**
     * @param created
     *            false when the number was on the list already (the stored entry is returned)
     */
    public record Added(Entry entry, boolean created) {
    }

    public Uni<Added> add(String tenantId, String phone, String reason) {
        return pool
                .preparedQuery("INSERT INTO do_not_call (tenant_id, phone, reason) VALUES ($1, $2, $3)"
                        + " ON CONFLICT DO NOTHING RETURNING phone, reason, created_at")
                .execute(Tuple.of(tenantId, phone, reason))
                .flatMap(rows -> rows.iterator().hasNext()
                        ? Uni.createFrom().item(new Added(Entry.of(rows.iterator().next()), true))
                        : find(tenantId, phone).map(existing -> new Added(existing, false)));
    }

    public Uni<Entry> find(String tenantId, String phone) {
        return pool
                .preparedQuery("SELECT phone, reason, created_at FROM do_not_call WHERE tenant_id = $1 AND phone = $2")
                .execute(Tuple.of(tenantId, phone))
                .map(rows -> rows.iterator().hasNext() ? Entry.of(rows.iterator().next()) : null);
    }

    public Uni<Boolean> remove(String tenantId, String phone) {
        return pool.preparedQuery("DELETE FROM do_not_call WHERE tenant_id = $1 AND phone = $2")
                .execute(Tuple.of(tenantId, phone)).map(rows -> rows.rowCount() == 1);
    }

    /** Up to {@code limit} numbers after {@code after}, in order. */
    public Uni<List<Entry>> list(String tenantId, String after, int limit) {
        return pool
                .preparedQuery("SELECT phone, reason, created_at FROM do_not_call WHERE tenant_id = $1"
                        + " AND phone > $2 ORDER BY phone LIMIT $3")
                .execute(Tuple.of(tenantId, after, limit)).map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(Entry.of(row)));
                    return entries;
                });
    }
}
