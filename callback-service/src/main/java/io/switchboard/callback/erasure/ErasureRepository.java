package io.switchboard.callback.erasure;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.erasure.OutboxErasure;
import io.switchboard.common.events.Topics;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of callback-service's part of a customer erasure, always on the erasure's transaction and within its tenant:
 * the callbacks of the person (their status history goes with them by cascade), the intake rate counters and stored
 * idempotent responses that name the number or the callbacks, and the person's name and call data in the outbox's
 * copies of the callbacks' events.
 */
@ApplicationScoped
public class ErasureRepository {

    /** A callback as it was erased: what is needed to give its timeslot place back and to find its events. */
    public record ErasedCallback(String confirmationCode, long serviceQueueId, OffsetDateTime scheduledFor,
            String state) {
    }

    /**
     * Records the erasure as handled with no counts yet.
     *
     * @return null when it is new, else the counts the first delivery erased
     */
    public Uni<Long> claim(SqlConnection tx, String tenantId, String erasureId) {
        return tx
                .preparedQuery("INSERT INTO processed_erasure (tenant_id, erasure_id, callbacks) VALUES ($1, $2, 0)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, erasureId))
                .flatMap(inserted -> inserted.rowCount() == 1 ? Uni.createFrom().nullItem()
                        : tx.preparedQuery(
                                "SELECT callbacks FROM processed_erasure WHERE tenant_id = $1" + " AND erasure_id = $2")
                                .execute(Tuple.of(tenantId, erasureId))
                                .map(rows -> rows.iterator().next().getLong("callbacks")));
    }

    public Uni<Void> recordCounts(SqlConnection tx, String tenantId, String erasureId, long callbacks) {
        return tx.preparedQuery("UPDATE processed_erasure SET callbacks = $3 WHERE tenant_id = $1 AND erasure_id = $2")
                .execute(Tuple.of(tenantId, erasureId, callbacks)).replaceWithVoid();
    }

    /**
     * Deletes the tenant's callbacks for any of the numbers (E.164), or with one of the addresses (lower case) as a
     * custom field. Their status history goes with them ({@code ON DELETE CASCADE}).
     */
    public Uni<List<ErasedCallback>> deleteCallbacks(SqlConnection tx, String tenantId, List<String> phones,
            List<String> emails) {
        return tx.preparedQuery("DELETE FROM callback WHERE tenant_id = $1 AND (phone_number = ANY($2)"
                + " OR dedup_key = ANY($2) OR (cardinality($3::text[]) > 0 AND EXISTS (SELECT 1 FROM unnest(ARRAY["
                + "field1, field2, field3, field4, field5, field6, field7, field8, field9, field10]) f(v)"
                + " WHERE lower(trim(f.v)) = ANY($3))))"
                + " RETURNING confirmation_code, service_queue_id, scheduled_for, state")
                .execute(Tuple.of(tenantId, phones.toArray(String[]::new), emails.toArray(String[]::new))).map(rows -> {
                    List<ErasedCallback> erased = new ArrayList<>();
                    rows.forEach(row -> erased
                            .add(new ErasedCallback(row.getString("confirmation_code"), row.getLong("service_queue_id"),
                                    row.getOffsetDateTime("scheduled_for"), row.getString("state"))));
                    return erased;
                });
    }

    /** Intake rate counters per number ({@code n:<tenant>:<queue>:<number>}) of the numbers. */
    public Uni<Void> deleteRateCounters(SqlConnection tx, String tenantId, List<String> phones) {
        return tx
                .preparedQuery("DELETE FROM intake_rate WHERE starts_with(scope, $1) AND EXISTS (SELECT 1 FROM"
                        + " unnest($2::text[]) p(n) WHERE right(scope, length(p.n) + 1) = ':' || p.n)")
                .execute(Tuple.of("n:" + tenantId + ":", phones.toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * Stored responses of idempotent POSTs that name an erased callback or one of the numbers (a dialler's claim lists
     * the callbacks it got, with their numbers and names). A retry with such a key is treated as a new request.
     */
    public Uni<Void> deleteIdempotentResponses(SqlConnection tx, String tenantId, List<String> phones,
            List<String> codes) {
        return tx
                .preparedQuery("DELETE FROM idempotency_key WHERE tenant_id = $1 AND EXISTS (SELECT 1 FROM"
                        + " unnest($2::text[]) v(s) WHERE strpos(coalesce(body, '') || ' ' || coalesce(location, ''),"
                        + " v.s) > 0)")
                .execute(Tuple.of(tenantId, concat(phones, codes).toArray(String[]::new))).replaceWithVoid();
    }

    /**
     * The outbox's copies of the erased callbacks' events (keyed by confirmation code) keep their sequence but lose the
     * person: number, name and custom fields read {@value OutboxErasure#REDACTED}.
     */
    public Uni<Long> redactCallbackEvents(SqlConnection tx, List<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        String redacted = "to_jsonb('" + OutboxErasure.REDACTED + "'::text)";
        return tx.preparedQuery("UPDATE outbox_event o SET payload = jsonb_set(p.event, '{data}', p.event->'data'"
                + " || jsonb_strip_nulls(jsonb_build_object("
                + "'phoneNumber', CASE WHEN jsonb_typeof(p.event->'data'->'phoneNumber') = 'string' THEN " + redacted
                + " END, 'customerName', CASE WHEN jsonb_typeof(p.event->'data'->'customerName') = 'string' THEN "
                + redacted + " END, 'fields', CASE WHEN jsonb_typeof(p.event->'data'->'fields') = 'array'"
                + " THEN '[]'::jsonb END)))::text"
                + " FROM (SELECT id, payload::jsonb AS event FROM outbox_event WHERE topic = $1"
                + " AND message_key = ANY($2)) p WHERE o.id = p.id AND jsonb_typeof(p.event->'data') = 'object'")
                .execute(Tuple.of(Topics.CALLBACK_EVENTS, codes.toArray(String[]::new)))
                .map(rows -> (long) rows.rowCount());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
