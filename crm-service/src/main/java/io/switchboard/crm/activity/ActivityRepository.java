package io.switchboard.crm.activity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ActivityRepository {

    private final Pool pool;

    public ActivityRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records an activity unless its source record already has one (or its id is taken: a redelivered attempt).
     *
     * @return true when it was inserted
     */
    public Uni<Boolean> insert(SqlClient tx, Activity a) {
        return tx
                .preparedQuery("INSERT INTO activity (id, tenant_id, type, source, source_ref, campaign_id,"
                        + " parent_activity_id, root_activity_id, phone_number, started_at, ended_at, data)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(Arrays.asList(a.id(), a.tenantId(), a.type(), a.source(), a.sourceRef(),
                        a.campaignId(), a.parentActivityId(), a.rootActivityId(), a.phoneNumber(), a.startedAt(),
                        a.endedAt(), a.data())))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Strips the personal fields of the tenant's activities with any of these numbers, or with these ids (the
     * activities of erased call logs): the number, names and the customer's ids go, the call's type, times, campaign
     * and outcome stay for statistics, and {@code data.erased} says so.
     *
     * @return the ids of the activities changed
     */
    public Uni<List<Long>> erase(SqlClient tx, String tenantId, List<String> phones, List<Long> ids) {
        return tx.preparedQuery("UPDATE activity SET phone_number = NULL, erased_at = now(), data = (data"
                + " - 'phoneNumber' - 'name' - 'customerName' - 'entityId' - 'customerKey')"
                + " || '{\"erased\": true}'::jsonb WHERE tenant_id = $1 AND (phone_number = ANY($2) OR id = ANY($3))"
                + " RETURNING id").execute(Tuple.of(tenantId, phones.toArray(String[]::new), ids.toArray(Long[]::new)))
                .map(rows -> {
                    List<Long> erased = new ArrayList<>();
                    rows.forEach(r -> erased.add(r.getLong(0)));
                    return erased;
                });
    }

    public Uni<Activity> find(String tenantId, long id) {
        return pool.preparedQuery("SELECT " + Activity.COLUMNS + " FROM activity WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.iterator().hasNext() ? Activity.of(rows.iterator().next()) : null);
    }

    /** Filters of the activity list; null means "any". */
    public record Filter(Long campaignId, OffsetDateTime startedFrom, OffsetDateTime startedTo, String type) {
    }

    /** Up to {@code limit} activities after the key (started_at, id), in that order. */
    public Uni<List<Activity>> list(String tenantId, Filter f, OffsetDateTime afterStarted, Long afterId, int limit) {
        return pool.preparedQuery("SELECT " + Activity.COLUMNS + " FROM activity WHERE tenant_id = $1"
                + " AND ($2::bigint IS NULL OR campaign_id = $2) AND ($3::timestamptz IS NULL OR started_at >= $3)"
                + " AND ($4::timestamptz IS NULL OR started_at <= $4) AND ($5::text IS NULL OR type = $5)"
                + " AND ($6::timestamptz IS NULL OR (started_at, id) > ($6, $7::bigint)) ORDER BY started_at, id LIMIT $8")
                .execute(Tuple.from(Arrays.asList(tenantId, f.campaignId(), f.startedFrom(), f.startedTo(), f.type(),
                        afterStarted, afterId, limit)))
                .map(rows -> {
                    List<Activity> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(Activity.of(row));
                    }
                    return list;
                });
    }
}
