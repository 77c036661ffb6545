package io.switchboard.common.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventType;
import io.switchboard.testing.KafkaBroker;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox as an operator sees it: what arrives on the real Kafka topic (read with a plain consumer from the
 * beginning) and which rows the outbox table marks published.
 * <p>
 * The guarantee: every committed event reaches Kafka at least once, never one that rolled back. The relay sends what
 * has committed in {@code seq} order, so a partition (and so a key) receives its records in {@code seq} order, except
 * that {@code seq} is taken at insert: a transaction that commits after a later-numbered one was relayed is sent after
 * it (never skipped). One key's events therefore keep their order when their writers serialize on that key, as state
 * changes on one row do. Exactly once holds while the relay does not crash between Kafka's acknowledgement and its
 * commit; after such a crash the unmarked batch is sent again with the same event ids, for consumers to dedupe.
 * </p>
 * <p>
 * The poller's clock is off (test application.properties): events leave through the kick after each commit or a drain
 * the test starts, so nothing is sent behind a test's back. Each test writes to a topic of its own.
 * </p>
 */
@QuarkusTest
@WithTestResource(OutboxTestResource.class)
class OutboxRelayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String TENANT = "tenant-outbox-test";
    private static final String OUTBOX_AGE = "switchboard_outbox_oldest_unpublished_age_seconds";
    /** The relay's own lock (OutboxRelay), taken the way another replica's relay takes it. */
    private static final String RELAY_LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox_event'))";

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    Pool pool;
    @Inject
    CloudEventCodec codec;
    @Inject
    MeterRegistry registry;
    @Inject
    @Channel("switchboard-outbox")
    MutinyEmitter<String> emitter;
    @Inject
    KafkaClientService kafkaClients;
    @ConfigProperty(name = "switchboard.outbox.batch-size")
    int batchSize;

    /** One step of something keyed (a callback, a lead): its events must stay in order. */
    public record Step(int number) {
    }

    /**
     * Six transactions, each writing five events of four keys interleaved: thirty events over six batches of five. Each
     * arrives once, every partition holds its records in {@code seq} order (so every key's events in the order they
     * were written), and each row is marked published.
     */
    @Test
    void shouldPublishEveryEventOnceInTheOrderItWasWritten() {
        EventType<Step> type = newTopic(3);
        List<String> keys = List.of("callback-a", "callback-b", "callback-c", "callback-d");
        List<CloudEvent> written = new ArrayList<>();
        for (int transaction = 0; transaction < 6; transaction++) {
            List<String> transactionKeys = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                transactionKeys.add(keys.get((transaction + i) % keys.size()));
            }
            written.addAll(outbox.inTransaction(tx -> append(tx, type, transactionKeys)).await().atMost(WAIT));
        }

        awaitPublished(written);
        List<ConsumerRecord<String, String>> records = readTopic(type.topic());
        assertExactlyOnceInOrder(records, written);
        for (ConsumerRecord<String, String> record : records) {
            CloudEvent event = codec.decode(record.value());
            assertThat(record.key()).as("the Kafka key is the key the event was written with")
                    .isEqualTo(event.subject());
            Header contentType = record.headers().lastHeader("content-type");
            assertThat(new String(contentType.value(), StandardCharsets.UTF_8)).isEqualTo(CloudEvent.CONTENT_TYPE);
        }
    }

    /**
     * Another replica's relay holds the outbox's lock (a transaction of its own taking the same advisory lock on the
     * same schema): the kicks after each commit and drains by this replica and a third one send nothing, the rows wait
     * and the age gauge shows it. Once that transaction ends, one drain sends every event once, in order, and the gauge
     * falls back to zero.
     */
    @Test
    void shouldSendNothingWhileAnotherReplicaRelaysThenEverythingOnce() {
        EventType<Step> type = newTopic(3);
        List<CloudEvent> written = new ArrayList<>();
        SqlConnection otherReplica = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction relaying = otherReplica.begin().await().atMost(WAIT);
            otherReplica.query(RELAY_LOCK).execute().await().atMost(WAIT);

            written.addAll(
                    outbox.inTransaction(tx -> append(tx, type, List.of("k1", "k2", "k1", "k3"))).await().atMost(WAIT));
            written.addAll(
                    outbox.inTransaction(tx -> append(tx, type, List.of("k2", "k2", "k3", "k1"))).await().atMost(WAIT));
            relay.drain().await().atMost(WAIT);
            newReplicaRelay().drain().await().atMost(WAIT);
            // far longer than a kick takes to reach the local broker when nothing stops it
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(readTopic(type.topic()))
                            .as("records sent while another relay holds the lock").isEmpty());
            assertThat(unpublished(written)).isEqualTo(written.size());
            await().atMost(WAIT).untilAsserted(() -> assertThat(sample(OUTBOX_AGE)).isGreaterThanOrEqualTo(1.0));

            relaying.commit().await().atMost(WAIT);
        } finally {
            otherReplica.close().await().atMost(WAIT);
        }

        newReplicaRelay().drain().await().atMost(WAIT);
        awaitPublished(written);
        assertExactlyOnceInOrder(readTopic(type.topic()), written);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sample(OUTBOX_AGE)).isZero());
    }

    /**
     * Sixty waiting events and four replicas' relays (the application's and three more on their own state) draining at
     * the same moment, twice over: each event still reaches Kafka once, in order.
     */
    @Test
    void shouldSendEachEventOnceWhenReplicasDrainAtTheSameTime() {
        EventType<Step> type = newTopic(3);
        List<CloudEvent> written = new ArrayList<>();
        for (int transaction = 0; transaction < 12; transaction++) {
            // written without a kick, so that all of them wait for the replicas below
            written.addAll(pool.withTransaction(tx -> append(tx, type, List.of("a", "b", "c", "d", "e"))).await()
                    .atMost(WAIT));
        }
        assertThat(unpublished(written)).isEqualTo(written.size());

        List<OutboxRelay> replicas = List.of(relay, newReplicaRelay(), newReplicaRelay(), newReplicaRelay());
        for (int round = 0; round < 2; round++) {
            Uni.join().all(replicas.stream().map(OutboxRelay::drain).toList()).andFailFast().await().atMost(WAIT);
        }

        awaitPublished(written);
        assertExactlyOnceInOrder(readTopic(type.topic()), written);
    }

    /**
     * The relay crashes after Kafka has acknowledged a batch but before its "published" mark commits (a trigger fails
     * the mark, so the transaction rolls back). That batch is on Kafka but still waiting in the outbox; the next drain
     * sends it again, with the same event ids and payloads, and then the rest: nothing lost, every partition replaying
     * in order.
     */
    @Test
    void shouldSendABatchAgainWithTheSameIdsWhenItsMarkDidNotCommit() {
        EventType<Step> type = newTopic(3);
        // written without a kick: the crash below is the first relay to see them
        List<CloudEvent> written = pool
                .withTransaction(tx -> append(tx, type, List.of("x", "y", "x", "z", "y", "x", "z"))).await()
                .atMost(WAIT);
        List<CloudEvent> firstBatch = written.subList(0, batchSize);
        execute("CREATE FUNCTION crash_before_commit() RETURNS trigger LANGUAGE plpgsql"
                + " AS $$ BEGIN RAISE EXCEPTION 'the relay crashed before its commit'; END $$");
        execute("CREATE TRIGGER crash_before_commit BEFORE UPDATE OF published_at ON outbox_event FOR EACH ROW"
                + " WHEN (NEW.topic = '" + type.topic() + "') EXECUTE FUNCTION crash_before_commit()");
        try {
            assertThatThrownBy(() -> relay.drain().await().atMost(WAIT)).hasMessageContaining("crashed");
        } finally {
            execute("DROP TRIGGER crash_before_commit ON outbox_event");
            execute("DROP FUNCTION crash_before_commit()");
        }
        List<ConsumerRecord<String, String>> beforeCrash = readTopic(type.topic());
        assertThat(ids(beforeCrash)).as("the batch whose acknowledgements came")
                .containsExactlyInAnyOrderElementsOf(ids(firstBatch));
        assertThat(unpublished(written)).as("rows still waiting after the crash").isEqualTo(written.size());

        relay.drain().await().atMost(WAIT);

        awaitPublished(written);
        List<ConsumerRecord<String, String>> records = readTopic(type.topic());
        Map<String, String> firstPayloads = new HashMap<>();
        beforeCrash.forEach(record -> firstPayloads.put(codec.decode(record.value()).id(), record.value()));
        List<ConsumerRecord<String, String>> resent = records.stream()
                .filter(record -> !beforeCrash.stream().anyMatch(
                        first -> first.partition() == record.partition() && first.offset() == record.offset()))
                .toList();
        assertExactlyOnceInOrder(resent, written);
        for (ConsumerRecord<String, String> record : resent) {
            String first = firstPayloads.get(codec.decode(record.value()).id());
            if (first != null) {
                assertThat(record.value()).as("a resent event is the same event").isEqualTo(first);
            }
        }
        assertThat(resent.stream().filter(record -> firstPayloads.containsKey(codec.decode(record.value()).id())))
                .as("the crashed batch, resent").hasSize(firstBatch.size());
        // the first delivery came before the resend in every partition: the crashed records take the lowest offsets
        Map<Integer, Long> firstResentOffset = new HashMap<>();
        resent.forEach(record -> firstResentOffset.merge(record.partition(), record.offset(), Math::min));
        beforeCrash
                .forEach(record -> assertThat(record.offset()).isLessThan(firstResentOffset.get(record.partition())));
    }

    /**
     * {@code seq} is handed out at insert, not at commit: a transaction that took a lower one but commits after a
     * later-numbered event went out is not skipped; its event follows, once.
     */
    @Test
    void shouldSendAnEventWhoseTransactionCommittedAfterALaterNumberedOneWasSent() {
        EventType<Step> type = newTopic(1);
        List<CloudEvent> late;
        List<CloudEvent> early;
        SqlConnection slowWriter = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction slow = slowWriter.begin().await().atMost(WAIT);
            late = append(slowWriter, type, List.of("k")).await().atMost(WAIT);
            early = outbox.inTransaction(tx -> append(tx, type, List.of("k"))).await().atMost(WAIT);
            awaitPublished(early);
            slow.commit().await().atMost(WAIT);
        } finally {
            slowWriter.close().await().atMost(WAIT);
        }
        relay.drain().await().atMost(WAIT);

        awaitPublished(late);
        assertThat(seqs(late).values().iterator().next()).isLessThan(seqs(early).values().iterator().next());
        assertThat(ids(readTopic(type.topic()))).as("event ids in offset order").containsExactly(early.get(0).id(),
                late.get(0).id());
    }

    /** A transaction that rolls back takes its events with it: they are never written, so never sent. */
    @Test
    void shouldNeverSendAnEventWhoseTransactionRolledBack() {
        EventType<Step> type = newTopic(1);
        AtomicReference<List<CloudEvent>> rolledBack = new AtomicReference<>();
        assertThatThrownBy(() -> outbox
                .inTransaction(tx -> append(tx, type, List.of("k", "k")).invoke(rolledBack::set)
                        .flatMap(events -> Uni.createFrom().failure(new IllegalStateException("the change failed"))))
                .await().atMost(WAIT)).hasMessage("the change failed");
        List<CloudEvent> committed = outbox.inTransaction(tx -> append(tx, type, List.of("k"))).await().atMost(WAIT);

        awaitPublished(committed);
        assertThat(rolledBack.get()).hasSize(2);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE id = ANY($1)", rolledBack.get())).isZero();
        assertExactlyOnceInOrder(readTopic(type.topic()), committed);
    }

    /**
     * The relay marks a row published once Kafka acknowledges its record, so the acknowledgement must mean that every
     * in-sync replica has it (a leader change loses nothing), and the producer must be idempotent so that a retried
     * request cannot put a partition's records out of order or twice. The connector's defaults (acks=1, which turns
     * idempotence off) give up both.
     */
    @Test
    void shouldCountARecordAsSentOnlyOnceEveryReplicaHasItAndKeepItsOrderThroughRetries() {
        Map<String, ?> producer = kafkaClients.getProducer("switchboard-outbox").configuration();
        assertThat(producer.get("acks")).hasToString("all");
        assertThat(producer.get("enable.idempotence")).hasToString("true");
    }

    /** Appends one event per key, in order, on the transaction's connection. */
    private Uni<List<CloudEvent>> append(SqlClient tx, EventType<Step> type, List<String> keys) {
        Uni<List<CloudEvent>> events = Uni.createFrom().item(new ArrayList<>());
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            Step step = new Step(i);
            events = events.flatMap(list -> outbox.append(tx, type, key, key, TENANT, step).map(event -> {
                list.add(event);
                return list;
            }));
        }
        return events;
    }

    /** Another replica's relay: same database and broker, its own in-process state. */
    private OutboxRelay newReplicaRelay() {
        return new OutboxRelay(pool, emitter, batchSize, registry);
    }

    /**
     * Every written event once on the topic, and every partition's records in {@code seq} order; the events of one key
     * in the order they were written.
     */
    private void assertExactlyOnceInOrder(List<ConsumerRecord<String, String>> records, List<CloudEvent> written) {
        assertThat(ids(records)).as("event ids on the topic").containsExactlyInAnyOrderElementsOf(ids(written));
        Map<String, Long> seq = seqs(written);
        Map<Integer, List<Long>> seqsByPartition = new HashMap<>();
        records.stream().sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .forEach(record -> seqsByPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                        .add(seq.get(codec.decode(record.value()).id())));
        seqsByPartition.forEach((partition, seqs) -> assertThat(seqs).as("seq of partition %d's records", partition)
                .isSortedAccordingTo(Comparator.naturalOrder()));
        Map<String, List<String>> writtenByKey = new HashMap<>();
        written.forEach(event -> writtenByKey.computeIfAbsent(event.subject(), k -> new ArrayList<>()).add(event.id()));
        Map<String, List<String>> sentByKey = new HashMap<>();
        records.stream().sorted(Comparator.comparingLong(ConsumerRecord::offset)).forEach(record -> sentByKey
                .computeIfAbsent(record.key(), k -> new ArrayList<>()).add(codec.decode(record.value()).id()));
        assertThat(sentByKey).as("each key's event ids in the order they were written").isEqualTo(writtenByKey);
        assertThat(unpublished(written)).as("rows not marked published").isZero();
    }

    private List<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> codec.decode(record.value()).id()).toList();
    }

    private static List<String> ids(Iterable<CloudEvent> events) {
        List<String> ids = new ArrayList<>();
        events.forEach(event -> ids.add(event.id()));
        return ids;
    }

    private Map<String, Long> seqs(List<CloudEvent> events) {
        Map<String, Long> seqs = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT id, seq FROM outbox_event WHERE id = ANY($1)")
                .execute(Tuple.of(uuids(events))).await().atMost(WAIT)) {
            seqs.put(row.getUUID("id").toString(), row.getLong("seq"));
        }
        assertThat(seqs).hasSize(events.size());
        return seqs;
    }

    private long unpublished(List<CloudEvent> events) {
        return count("SELECT count(*) FROM outbox_event WHERE id = ANY($1) AND published_at IS NULL", events);
    }

    private void awaitPublished(List<CloudEvent> events) {
        await().atMost(WAIT).until(() -> unpublished(events) == 0);
    }

    private long count(String sql, List<CloudEvent> events) {
        return pool.preparedQuery(sql).execute(Tuple.of(uuids(events))).await().atMost(WAIT).iterator().next()
                .getLong(0);
    }

    private static UUID[] uuids(List<CloudEvent> events) {
        return events.stream().map(event -> UUID.fromString(event.id())).toArray(UUID[]::new);
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    /** A fresh topic, created up front so that every partition exists before the first record. */
    private static EventType<Step> newTopic(int partitions) {
        String topic = "switchboard.outbox-test." + UUID.randomUUID();
        try (Admin admin = Admin
                .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not create topic " + topic, e);
        }
        return EventType.of(topic, "switchboard.outbox-test.step", Step.class);
    }

    /**
     * Every record on the topic, from the beginning of each partition to its end now, in offset order per partition.
     */
    private static List<ConsumerRecord<String, String>> readTopic(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, WAIT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            Instant deadline = Instant.now().plus(WAIT);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Could not read " + topic + " to its end within " + WAIT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The value of one series in the Prometheus text the application exports; -1 when the series is absent. */
    private static double sample(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + "(?:\\{.*\\})? (\\S+)$").matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : -1;
    }
}
