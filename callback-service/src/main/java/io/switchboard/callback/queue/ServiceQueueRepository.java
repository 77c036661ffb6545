package io.switchboard.callback.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.queue.ServiceQueue.Closure;
import io.switchboard.callback.queue.ServiceQueue.Holiday;
import io.switchboard.callback.queue.ServiceQueue.OpeningHours;
import io.switchboard.callback.queue.ServiceQueue.RetryPolicy;
import io.switchboard.callback.queue.ServiceQueue.Timeslots;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one way to the service queues in Postgres: their settings, number lists and audit trail, always within a tenant.
 * Hot paths read through {@link ServiceQueueCache}.
 */
@ApplicationScoped
public class ServiceQueueRepository {

    private static final String SELECT = "SELECT q.id, q.name, q.time_zone, q.opening_hours::text AS opening_hours,"
            + " q.holidays::text AS holidays, q.closures::text AS closures, q.slot_length_minutes, q.slot_capacity,"
            + " q.field_labels::text AS field_labels, q.retry_max_attempts, q.retry_interval_seconds,"
            + " q.duplicate_window_seconds, q.max_requests_per_number_per_hour, q.created_at, q.updated_at,"
            + numberList("WHITE") + " AS white_list," + numberList("BLACK")
            + " AS black_list FROM service_queue q WHERE q.tenant_id = $1";

    private final Pool pool;
    private final ObjectMapper mapper;

    public ServiceQueueRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    private static String numberList(String kind) {
        return " (SELECT coalesce(json_agg(l.entry || CASE WHEN l.is_prefix THEN '*' ELSE '' END ORDER BY l.entry),"
                + " '[]')::text FROM service_queue_number_list l WHERE l.tenant_id = q.tenant_id"
                + " AND l.queue_id = q.id AND l.kind = '" + kind + "')";
    }

    /** The queue, or null when the tenant has none with this id. */
    public Uni<ServiceQueue> find(String tenantId, long id) {
        return find(pool, tenantId, id, false);
    }

    Uni<ServiceQueue> findForUpdate(SqlConnection connection, String tenantId, long id) {
        return find(connection, tenantId, id, true);
    }

    private Uni<ServiceQueue> find(SqlClient client, String tenantId, long id, boolean lock) {
        return client.preparedQuery(SELECT + " AND q.id = $2" + (lock ? " FOR UPDATE OF q" : ""))
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.iterator().hasNext() ? toDefinition(rows.iterator().next()) : null);
    }

    public Uni<List<ServiceQueue>> list(String tenantId) {
        return pool.preparedQuery(SELECT + " ORDER BY q.id").execute(Tuple.of(tenantId)).map(rows -> {
            List<ServiceQueue> queues = new ArrayList<>();
            rows.forEach(row -> queues.add(toDefinition(row)));
            return queues;
        });
    }

    Uni<Void> insert(SqlConnection connection, String tenantId, ServiceQueue q) {
        return connection.preparedQuery("INSERT INTO service_queue (tenant_id, id, name, time_zone, opening_hours,"
                + " holidays, closures, slot_length_minutes, slot_capacity, field_labels, retry_max_attempts,"
                + " retry_interval_seconds, duplicate_window_seconds, max_requests_per_number_per_hour, created_at,"
                + " updated_at) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7::text::jsonb, $8, $9,"
                + " $10::text::jsonb, $11, $12, $13, $14, now(), now())").execute(settings(tenantId, q))
                .flatMap(inserted -> insertLists(connection, tenantId, q));
    }

    Uni<Void> update(SqlConnection connection, String tenantId, ServiceQueue q) {
        return connection.preparedQuery("UPDATE service_queue SET name = $3, time_zone = $4,"
                + " opening_hours = $5::text::jsonb, holidays = $6::text::jsonb, closures = $7::text::jsonb,"
                + " slot_length_minutes = $8, slot_capacity = $9, field_labels = $10::text::jsonb,"
                + " retry_max_attempts = $11, retry_interval_seconds = $12, duplicate_window_seconds = $13,"
                + " max_requests_per_number_per_hour = $14, updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(settings(tenantId, q))
                .flatMap(updated -> connection
                        .preparedQuery("DELETE FROM service_queue_number_list WHERE tenant_id = $1 AND queue_id = $2")
                        .execute(Tuple.of(tenantId, q.id())))
                .flatMap(deleted -> insertLists(connection, tenantId, q));
    }

    /** $1..$14 of the insert and the update: the queue's key and settings. */
    private Tuple settings(String tenantId, ServiceQueue q) {
        return Tuple.from(Arrays.asList(tenantId, q.id(), q.name(), q.timeZone(), json(q.openingHours()),
                json(q.holidays()), json(q.closures()), q.timeslots().lengthMinutes(), q.timeslots().capacity(),
                json(q.fieldLabels()), q.retryPolicy().maxAttempts(), q.retryPolicy().intervalSeconds(),
                q.duplicateWindowSeconds(), q.maxRequestsPerNumberPerHour()));
    }

    Uni<Void> delete(SqlConnection connection, String tenantId, long id) {
        return connection.preparedQuery("DELETE FROM service_queue WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).replaceWithVoid();
    }

    Uni<Boolean> hasCallbacks(SqlConnection connection, String tenantId, long id) {
        return connection
                .preparedQuery("SELECT EXISTS (SELECT 1 FROM callback WHERE tenant_id = $1 AND service_queue_id = $2)")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.iterator().next().getBoolean(0));
    }

    private Uni<Void> insertLists(SqlConnection connection, String tenantId, ServiceQueue q) {
        List<Tuple> entries = new ArrayList<>();
        for (String entry : q.whiteList().stream().distinct().toList()) {
            entries.add(listEntry(tenantId, q.id(), "WHITE", entry));
        }
        for (String entry : q.blackList().stream().distinct().toList()) {
            entries.add(listEntry(tenantId, q.id(), "BLACK", entry));
        }
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("INSERT INTO service_queue_number_list (tenant_id, queue_id, kind, entry,"
                + " is_prefix) VALUES ($1, $2, $3, $4, $5)").executeBatch(entries).replaceWithVoid();
    }

    private static Tuple listEntry(String tenantId, long queueId, String kind, String entry) {
        boolean prefix = entry.endsWith("*");
        return Tuple.of(tenantId, queueId, kind, prefix ? entry.substring(0, entry.length() - 1) : entry, prefix);
    }

    /** One audit record per change, written on the connection of the change's transaction. */
    Uni<Void> audit(SqlConnection connection, String tenantId, long queueId, String action, String actor,
            ServiceQueue before, ServiceQueue after) {
        return connection
                .preparedQuery("INSERT INTO service_queue_audit (tenant_id, queue_id, action, actor, before,"
                        + " after) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb)")
                .execute(Tuple.from(Arrays.asList(tenantId, queueId, action, actor,
                        before == null ? null : json(before), after == null ? null : json(after))))
                .replaceWithVoid();
    }

    /** One entry of a queue's audit trail. */
    public record AuditEntry(String action, String actor, java.time.OffsetDateTime occurredAt, JsonNode before,
            JsonNode after) {
    }

    public Uni<List<AuditEntry>> auditTrail(String tenantId, long queueId) {
        return pool
                .preparedQuery("SELECT action, actor, occurred_at, before::text AS before, after::text AS after"
                        + " FROM service_queue_audit WHERE tenant_id = $1 AND queue_id = $2 ORDER BY id")
                .execute(Tuple.of(tenantId, queueId)).map(rows -> {
                    List<AuditEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(new AuditEntry(row.getString("action"), row.getString("actor"),
                            row.getOffsetDateTime("occurred_at"), tree(row.getString("before")),
                            tree(row.getString("after")))));
                    return entries;
                });
    }

    private ServiceQueue toDefinition(Row row) {
        return new ServiceQueue(row.getLong("id"), row.getString("name"), row.getString("time_zone"),
                read(row.getString("opening_hours"), new TypeReference<List<OpeningHours>>() {
                }), read(row.getString("holidays"), new TypeReference<List<Holiday>>() {
                }), read(row.getString("closures"), new TypeReference<List<Closure>>() {
                }), new Timeslots(row.getInteger("slot_length_minutes"), row.getInteger("slot_capacity")),
                read(row.getString("field_labels"), new TypeReference<List<String>>() {
                }), new RetryPolicy(row.getInteger("retry_max_attempts"), row.getInteger("retry_interval_seconds")),
                read(row.getString("white_list"), new TypeReference<List<String>>() {
                }), read(row.getString("black_list"), new TypeReference<List<String>>() {
                }), row.getInteger("duplicate_window_seconds"), row.getInteger("max_requests_per_number_per_hour"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Queue settings cannot be written as JSON", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored queue settings are not readable", e);
        }
    }

    private JsonNode tree(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored audit record is not readable", e);
        }
    }
}
