package io.switchboard.crm.erasure;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ErasureRepository {

    private final Pool pool;

    public ErasureRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(SqlClient tx, Erasure e, UUID requestEventId) {
        JsonObject counts = new JsonObject();
        e.crmErased().forEach(counts::put);
        return tx
                .preparedQuery("INSERT INTO erasure (id, tenant_id, requested_by, requested_at, by_phone, by_email,"
                        + " participants, request_event_id, crm_erased) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(Arrays.asList(e.id(), e.tenantId(), e.requestedBy(), e.requestedAt(), e.byPhone(),
                        e.byEmail(), e.participants().toArray(String[]::new), requestEventId, counts)))
                .replaceWithVoid();
    }

    public Uni<Erasure> find(String tenantId, UUID id) {
        return find(pool, tenantId, id);
    }

    public Uni<Erasure> find(SqlClient client, String tenantId, UUID id) {
        return client.preparedQuery("SELECT e.*, (SELECT json_object_agg(a.service, json_build_object('erased',"
                + " a.erased, 'answeredAt', a.answered_at)) FROM erasure_answer a WHERE a.erasure_id = e.id) AS answers"
                + " FROM erasure e WHERE e.tenant_id = $1 AND e.id = $2").execute(Tuple.of(tenantId, id))
                .map(rows -> rows.iterator().hasNext() ? of(rows.iterator().next()) : null);
    }

    /** @return true when this service's answer is new (a redelivered answer is not counted twice) */
    public Uni<Boolean> answer(SqlClient tx, UUID erasureId, String service, Map<String, Long> erased) {
        JsonObject counts = new JsonObject();
        erased.forEach(counts::put);
        return tx
                .preparedQuery("INSERT INTO erasure_answer (erasure_id, service, erased) VALUES ($1, $2, $3)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.of(erasureId, service, counts)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Marks the erasure complete when every participant has answered, and deletes its request event from the outbox
     * (the event names the person; once every participant has read it, crm-service keeps no copy).
     *
     * @return true when this call completed it
     */
    public Uni<Boolean> completeIfAnswered(SqlClient tx, UUID erasureId) {
        return tx.preparedQuery("UPDATE erasure e SET completed_at = now() WHERE e.id = $1 AND e.completed_at IS NULL"
                + " AND NOT EXISTS (SELECT 1 FROM unnest(e.participants) p(service) WHERE NOT EXISTS ("
                + " SELECT 1 FROM erasure_answer a WHERE a.erasure_id = e.id AND a.service = p.service))"
                + " RETURNING request_event_id").execute(Tuple.of(erasureId)).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    UUID event = rows.iterator().next().getUUID(0);
                    return tx.preparedQuery("DELETE FROM outbox_event WHERE id = $1 AND published_at IS NOT NULL")
                            .execute(Tuple.of(event)).replaceWith(true);
                });
    }

    private static Erasure of(Row row) {
        Map<String, Long> crm = counts((JsonObject) row.getValue("crm_erased"));
        Map<String, Erasure.Answer> answers = new LinkedHashMap<>();
        Object raw = row.getValue("answers");
        if (raw instanceof JsonObject json) {
            for (String service : json.fieldNames()) {
                JsonObject a = json.getJsonObject(service);
                answers.put(service, new Erasure.Answer(counts(a.getJsonObject("erased")),
                        OffsetDateTime.parse(a.getString("answeredAt"))));
            }
        }
        return new Erasure(row.getUUID("id"), row.getString("tenant_id"), row.getString("requested_by"),
                row.getOffsetDateTime("requested_at"), row.getBoolean("by_phone"), row.getBoolean("by_email"),
                List.of(row.getArrayOfStrings("participants")), crm, answers, row.getOffsetDateTime("completed_at"));
    }

    private static Map<String, Long> counts(JsonObject json) {
        Map<String, Long> counts = new HashMap<>();
        if (json != null) {
            for (String kind : json.fieldNames()) {
                Object v = json.getValue(kind);
                if (v instanceof Number n) {
                    counts.put(kind, n.longValue());
                }
            }
        }
        return counts;
    }
}
