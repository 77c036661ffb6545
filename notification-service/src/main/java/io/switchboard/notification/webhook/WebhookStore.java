package io.switchboard.notification.webhook;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Webhooks and their deliveries in the notification schema; every query is filtered by tenant. */
@ApplicationScoped
public class WebhookStore {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String DEAD = "DEAD";

    private final Pool pool;
    private final WebhookSecrets secrets;

    public WebhookStore(Pool pool, WebhookSecrets secrets) {
        this.pool = pool;
        this.secrets = secrets;
    }

    /** An event as the webhook consumer read it off a topic: the record's value is the body POSTed. */
    public record RecordedEvent(String tenantId, String eventId, String eventType, String body) {
    }

    public record Webhook(UUID id, String url, List<String> eventTypes, OffsetDateTime createdAt) {
    }

    public record DeadLetter(UUID id, UUID webhookId, String url, String eventId, String eventType, int attempts,
            Integer lastStatus, String lastError, OffsetDateTime createdAt, OffsetDateTime failedAt) {
    }

    /** A delivery one replica has claimed: it holds a lease until {@code next_attempt_at}. */
    record Claimed(UUID id, String url, String secret, String body, int attempts) {
    }

    /** Stores the webhook with its secret encrypted (never in clear). */
    Uni<Webhook> create(String tenantId, String url, List<String> eventTypes, String secret) {
        UUID id = UUID.randomUUID();
        return pool
                .preparedQuery(
                        "INSERT INTO webhook (id, tenant_id, url, event_types, secret) VALUES ($1, $2, $3, $4, $5) "
                                + "RETURNING id, url, event_types, created_at")
                .execute(Tuple.of(id, tenantId, url, eventTypes.toArray(String[]::new), secrets.encrypt(id, secret)))
                .map(rows -> webhook(rows.iterator().next()));
    }

    Uni<List<Webhook>> list(String tenantId) {
        return pool.preparedQuery(
                "SELECT id, url, event_types, created_at FROM webhook WHERE tenant_id = $1 ORDER BY created_at, id")
                .execute(Tuple.of(tenantId)).map(rows -> map(rows, WebhookStore::webhook));
    }

    Uni<Boolean> delete(String tenantId, UUID id) {
        return pool.preparedQuery("DELETE FROM webhook WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() > 0);
    }

    /**
     * One pending delivery per webhook of each event's tenant that wants its type, for a whole batch of events: first
     * which events any webhook wants (tenants and types only, a small query), then one insert of those events' bodies.
     * Events nobody subscribed to never travel to the database. The unique (webhook, event) key keeps one row per event
     * whatever the redeliveries.
     *
     * @return the deliveries created
     */
    public Uni<Integer> enqueue(List<RecordedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        String[] tenants = new String[events.size()];
        String[] types = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            tenants[i] = events.get(i).tenantId();
            types[i] = events.get(i).eventType();
        }
        return pool
                .preparedQuery("SELECT DISTINCT e.i FROM unnest($1::text[], $2::text[]) WITH ORDINALITY "
                        + "AS e (tenant_id, event_type, i) JOIN webhook w ON w.tenant_id = e.tenant_id "
                        + "AND (cardinality(w.event_types) = 0 OR e.event_type = ANY (w.event_types))")
                .execute(Tuple.of(tenants, types)).chain(wanted -> {
                    List<RecordedEvent> matching = new ArrayList<>(wanted.size());
                    wanted.forEach(row -> matching.add(events.get(row.getLong(0).intValue() - 1)));
                    return matching.isEmpty() ? Uni.createFrom().item(0) : insert(matching);
                });
    }

    private Uni<Integer> insert(List<RecordedEvent> events) {
        String[] tenants = new String[events.size()];
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        String[] bodies = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            RecordedEvent event = events.get(i);
            tenants[i] = event.tenantId();
            ids[i] = event.eventId();
            types[i] = event.eventType();
            bodies[i] = event.body();
        }
        return pool.preparedQuery(
                "INSERT INTO webhook_delivery (id, tenant_id, webhook_id, event_id, event_type, body, state, next_attempt_at) "
                        + "SELECT gen_random_uuid(), w.tenant_id, w.id, e.event_id, e.event_type, e.body, 'PENDING', now() "
                        + "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS e (tenant_id, event_id, event_type, body) "
                        + "JOIN webhook w ON w.tenant_id = e.tenant_id "
                        + "AND (cardinality(w.event_types) = 0 OR e.event_type = ANY (w.event_types)) "
                        + "ON CONFLICT (webhook_id, event_id) DO NOTHING")
                .execute(Tuple.of(tenants, ids, types, bodies)).map(RowSet::rowCount);
    }

    /**
     * Claims due deliveries: the rows are locked only while their lease is written ({@code SKIP LOCKED} lets other
     * replicas take the next ones), so the POSTs happen outside any transaction.
     */
    Uni<List<Claimed>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery("WITH due AS (SELECT id FROM webhook_delivery WHERE state = 'PENDING' "
                + "AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED) "
                + "UPDATE webhook_delivery d SET attempts = d.attempts + 1, updated_at = now(), "
                + "next_attempt_at = now() + make_interval(secs => $2) FROM due, webhook w "
                + "WHERE d.id = due.id AND w.id = d.webhook_id RETURNING d.id, d.webhook_id, w.url, w.secret, d.body, d.attempts")
                .execute(Tuple.of(limit, lease.toMillis() / 1000.0))
                .map(rows -> map(rows,
                        row -> new Claimed(row.getUUID("id"), row.getString("url"),
                                secrets.decrypt(row.getUUID("webhook_id"), row.getString("secret")),
                                row.getString("body"), row.getInteger("attempts"))));
    }

    Uni<Void> delivered(UUID id, int status) {
        return pool
                .preparedQuery("UPDATE webhook_delivery SET state = 'DELIVERED', last_status = $2, last_error = NULL, "
                        + "updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, status)).replaceWithVoid();
    }

    /** A failed attempt: retried after {@code retryIn}, or parked as a dead letter when {@code retryIn} is null. */
    Uni<Void> failed(UUID id, Integer status, String error, Duration retryIn) {
        String state = retryIn == null ? DEAD : PENDING;
        double seconds = retryIn == null ? 0 : retryIn.toMillis() / 1000.0;
        return pool
                .preparedQuery("UPDATE webhook_delivery SET state = $2, last_status = $3, last_error = $4, "
                        + "updated_at = now(), next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1")
                .execute(Tuple.tuple().addUUID(id).addString(state).addInteger(status).addString(error)
                        .addDouble(seconds))
                .replaceWithVoid();
    }

    Uni<List<DeadLetter>> deadLetters(String tenantId) {
        return pool
                .preparedQuery("SELECT d.id, d.webhook_id, w.url, d.event_id, d.event_type, d.attempts, d.last_status, "
                        + "d.last_error, d.created_at, d.updated_at FROM webhook_delivery d JOIN webhook w ON w.id = d.webhook_id "
                        + "WHERE d.tenant_id = $1 AND d.state = 'DEAD' ORDER BY d.updated_at, d.id")
                .execute(Tuple.of(tenantId))
                .map(rows -> map(rows,
                        row -> new DeadLetter(row.getUUID("id"), row.getUUID("webhook_id"), row.getString("url"),
                                row.getString("event_id"), row.getString("event_type"), row.getInteger("attempts"),
                                row.getInteger("last_status"), row.getString("last_error"),
                                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"))));
    }

    /** Puts dead letters back in the queue with a fresh attempt budget; {@code id} null replays all of them. */
    Uni<Integer> replay(String tenantId, UUID id) {
        return pool
                .preparedQuery("UPDATE webhook_delivery SET state = 'PENDING', attempts = 0, next_attempt_at = now(), "
                        + "updated_at = now() WHERE tenant_id = $1 AND state = 'DEAD' AND ($2::uuid IS NULL OR id = $2)")
                .execute(Tuple.tuple().addString(tenantId).addUUID(id)).map(RowSet::rowCount);
    }

    /**
     * Erasure: replaces every occurrence of the numbers (exactly) and addresses (ignoring case) in the tenant's stored
     * deliveries, pending, delivered and dead letters alike, on the erasure's transaction.
     *
     * @return how many deliveries were changed
     */
    public Uni<Integer> redact(SqlClient tx, String tenantId, List<String> phoneNumbers, List<String> emailAddresses,
            String replacement) {
        Set<UUID> changed = new HashSet<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String number : phoneNumbers == null ? List.<String> of() : phoneNumbers) {
            if (number != null && !number.isBlank()) {
                chain = chain.chain(() -> tx
                        .preparedQuery("UPDATE webhook_delivery SET body = replace(body, $2, $3), updated_at = now() "
                                + "WHERE tenant_id = $1 AND strpos(body, $2) > 0 RETURNING id")
                        .execute(Tuple.of(tenantId, number, replacement))
                        .invoke(rows -> rows.forEach(row -> changed.add(row.getUUID("id")))).replaceWithVoid());
            }
        }
        for (String address : emailAddresses == null ? List.<String> of() : emailAddresses) {
            if (address != null && !address.isBlank()) {
                String pattern = literalPattern(address);
                chain = chain.chain(() -> tx
                        .preparedQuery("UPDATE webhook_delivery SET body = regexp_replace(body, $2, $3, 'gi'), "
                                + "updated_at = now() WHERE tenant_id = $1 AND body ~* $2 RETURNING id")
                        .execute(Tuple.of(tenantId, pattern, replacement))
                        .invoke(rows -> rows.forEach(row -> changed.add(row.getUUID("id")))).replaceWithVoid());
            }
        }
        return chain.map(ignored -> changed.size());
    }

    /** A Postgres regular expression matching the text literally. */
    private static String literalPattern(String text) {
        StringBuilder pattern = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                pattern.append('\\');
            }
            pattern.appendCodePoint(c);
        });
        return pattern.toString();
    }

    private static Webhook webhook(Row row) {
        return new Webhook(row.getUUID("id"), row.getString("url"), List.of(row.getArrayOfStrings("event_types")),
                row.getOffsetDateTime("created_at"));
    }

    private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> result = new ArrayList<>(rows.size());
        rows.forEach(row -> result.add(mapper.apply(row)));
        return result;
    }
}
