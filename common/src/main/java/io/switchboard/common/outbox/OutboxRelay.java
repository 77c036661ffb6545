package io.switchboard.common.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.common.events.CloudEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes outbox rows to Kafka in insertion order and marks them sent, in one database transaction per batch.
 * Insertion order is {@code seq}, taken at insert: a row whose transaction commits after later-numbered rows were sent
 * follows them (it is never skipped), so one key's events keep their order when their writers serialize on that key.
 * <p>
 * Several replicas may run it at once: a transaction-scoped advisory lock lets one relay per schema work at a time, so
 * events keep their order and none is sent by two replicas. A crash between the Kafka acknowledgement and the commit
 * re-sends the batch; consumers dedupe by event id, so delivery is at least once and never lost.
 * </p>
 * <p>
 * Services call {@link #kick()} after a write commits for low latency; {@link OutboxPoller} catches anything a kick
 * missed (another replica's writes, a crash, Kafka being down for a while).
 * </p>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_event'))";
    private static final String NEXT_BATCH = "SELECT id, topic, message_key, payload FROM outbox_event"
            + " WHERE published_at IS NULL ORDER BY seq LIMIT $1";
    private static final String MARK_SENT = "UPDATE outbox_event SET published_at = now() WHERE id = ANY($1)";

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final Counter published;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean kickedWhileRunning = new AtomicBoolean();

    public OutboxRelay(Pool pool, @Channel("switchboard-outbox") MutinyEmitter<String> emitter,
            @ConfigProperty(name = "switchboard.outbox.batch-size", defaultValue = "200") int batchSize,
            MeterRegistry registry) {
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = batchSize;
        this.published = Counter.builder("switchboard.outbox.published").description("Events relayed to Kafka")
                .register(registry);
    }

    /** Relays what is waiting now, without waiting for the next poll. Never fails the caller. */
    public void kick() {
        drain().subscribe().with(ignored -> {
        }, failure -> Log.warnf("Outbox relay failed, the next poll retries: %s", failure.toString()));
    }

    /** Relays batches until the outbox is empty. Calls that arrive while a drain runs make it go round once more. */
    public Uni<Void> drain() {
        // Flagged before trying, not after failing: a finishing drain releases `running` and then reads the flag, so it
        // sees every call that found it running (flagged after the failed try, a call could slip between the two).
        kickedWhileRunning.set(true);
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        kickedWhileRunning.set(false);
        return relayBatch().repeat().until(sent -> sent < batchSize).collect().last().replaceWithVoid().onTermination()
                .invoke(() -> {
                    running.set(false);
                    if (kickedWhileRunning.getAndSet(false)) {
                        kick();
                    }
                });
    }

    private Uni<Integer> relayBatch() {
        return pool.withTransaction(connection -> connection.query(LOCK).execute().flatMap(
                lock -> lock.iterator().next().getBoolean(0) ? sendBatch(connection) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> sendBatch(SqlConnection connection) {
        return connection.preparedQuery(NEXT_BATCH).execute(Tuple.of(batchSize)).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<UUID> ids = new ArrayList<>(rows.size());
            List<Uni<Void>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                ids.add(row.getUUID("id"));
                acks.add(emitter.sendMessage(toRecord(row)));
            }
            return Uni.join().all(acks).andFailFast().ifNoItem().after(Duration.ofSeconds(30)).fail()
                    .flatMap(all -> connection.preparedQuery(MARK_SENT).execute(Tuple.of(ids.toArray(UUID[]::new))))
                    .invoke(() -> published.increment(ids.size())).replaceWith(ids.size());
        });
    }

    private static Message<String> toRecord(Row row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Message.of(row.getString("payload")).addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic(row.getString("topic")).withKey(row.getString("message_key")).withHeaders(headers).build());
    }
}
