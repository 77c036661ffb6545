package io.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpServer;

import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.TestTokens;

/**
 * A notification-service replica with live subscribers dies (SIGKILL) while callback statuses stream in. Two replicas
 * of the packaged service run on the same Kafka broker and database; every customer's JSON WebSocket is on the replica
 * that dies. When its socket drops, each client reconnects to the surviving replica (as a load balancer sends it) with
 * {@code ?lastEventId=} the last event it saw, half of them at once and half after a browser's back-off. Together its
 * two sockets must show every event of its callback exactly once and in publishing order: the survivor read every event
 * too and kept the last ones of each callback.
 * <p>
 * Replicas read at their own pace: the survivor is paused ({@link #LAG}, as a long garbage collection does) just before
 * the kill and let go just after, so the clients that reconnect at once reach it before it has handled the events they
 * saw. It must not show them those again (it did: it replayed every status it kept, then the live ones).
 * <p>
 * <b>History limit.</b> A replica keeps the last {@code history-per-callback} (10) events of a callback. The stream
 * publishes {@value #EVENTS_PER_SECOND} events a second per callback and the slow clients wait {@link #BACK_OFF}, so a
 * client misses about 5 events: the test checks that every client missed fewer than 10 (otherwise it tests the limit,
 * not the resume) and that the slow clients did miss some (otherwise the resume was not needed).
 * <p>
 * The callbacks' tenant also has a webhook, a receiver in this test: it gets every event at least once across the kill
 * (the dead replica's partitions of the shared group move to the survivor, its claimed deliveries are retried when
 * their lease expires), and the database shows one delivered row per event, nothing pending or dead.
 * <p>
 * Runs its own Kafka broker and replicas (processes) in a database of its own, like {@link FaultToleranceIT}.
 */
class NotificationReplicaKillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper EVENT_MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final CloudEventCodec CODEC = new CloudEventCodec(EVENT_MAPPER);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final String SOURCE = "/switchboard/callback-service";
    private static final List<CallStatus> PROGRESS = List.of(CallStatus.CALLING_USER, CallStatus.USER_CONNECTED,
            CallStatus.CALLING_AGENT, CallStatus.AGENT_CONNECTED, CallStatus.CALL_ACCEPTED);

    private static final int CALLBACKS = 8;
    private static final int EVENTS_PER_SECOND = 4;
    private static final int HISTORY_PER_CALLBACK = 10;
    private static final Duration BACK_OFF = Duration.ofMillis(1000);
    private static final long SERVICE_QUEUE = 3;
    private static final Duration LAG = Duration.ofMillis(1000);

    private static KafkaProcess kafka;
    private static ServiceProcess doomed;
    private static ServiceProcess survivor;
    private static String database;
    private static HttpServer receiver;
    private static final Map<String, AtomicInteger> webhookPosts = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("switchboard.root", ".."));
        kafka = KafkaProcess.start();
        // The topics exist before a replica subscribes (a subscription that auto-creates them can miss a partition).
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.CALLBACK_EVENTS, 3, (short) 1),
                    new NewTopic(Topics.LEAD_EVENTS, 3, (short) 1))).all().get();
        }
        database = PostgresServer.freshDatabase("switchboard_replica_kill_"
                + Integer.toHexString(root.toAbsolutePath().toString().hashCode() & 0xffffff));
        List<String> settings = List.of("quarkus.profile=local",
                // A fresh broker: read from the start, so that no event races a replica's first assignment.
                "mp.messaging.incoming.callback-events.auto.offset.reset=earliest",
                "mp.messaging.incoming.webhook-events.auto.offset.reset=earliest",
                // The webhook receiver runs in this test, on the loopback address.
                "switchboard.notification.webhooks.allowed-ranges=127.0.0.1/32");
        String postgres = PostgresServer.host() + ":" + PostgresServer.port();
        doomed = ServiceProcess.start(root, "notification-service", postgres, database, kafka.bootstrapServers(),
                settings);
        survivor = ServiceProcess.start(root, "notification-service", postgres, database, kafka.bootstrapServers(),
                settings);
        doomed.awaitReadiness(200, Duration.ofSeconds(300));
        survivor.awaitReadiness(200, Duration.ofSeconds(300));

        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String id = JSON.readTree(exchange.getRequestBody()).path("id").asText();
            webhookPosts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (survivor != null) {
            survivor.resume(); // a stopped process would never act on the SIGTERM of close()
        }
        for (ServiceProcess replica : new ServiceProcess[] { doomed, survivor }) {
            if (replica != null) {
                replica.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** One published event: what the customer's page must show, in this order. */
    record Published(String eventId, String status, Instant acknowledgedAt) {
    }

    @Test
    void shouldShowEveryClientEveryEventOnceInOrderWhenItsReplicaIsKilled() throws Exception {
        String tenant = "8" + (System.nanoTime() % 1_000_000);
        registerWebhook(tenant);

        List<String> codes = new ArrayList<>();
        Map<String, List<Published>> published = new ConcurrentHashMap<>();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < CALLBACKS; i++) {
            String code = "KILL" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
            codes.add(code);
            published.put(code, new CopyOnWriteArrayList<>());
            clients.add(new Client(code, i % 2 == 0 ? Duration.ZERO : BACK_OFF));
        }
        for (Client client : clients) {
            client.connect(doomed);
        }
        // The replica counts its followers: every client is subscribed before the first event.
        awaitUntil(Duration.ofSeconds(30), () -> liveSubscribers(doomed) == CALLBACKS,
                "the doomed replica reports " + CALLBACKS + " live subscribers");

        // Both replicas share the webhook group's partitions (kafka-consumer-groups --describe), so the one that dies
        // leaves some of them behind for the survivor to take over.
        awaitUntil(Duration.ofSeconds(120),
                () -> webhookGroupAssignments().size() == 2
                        && webhookGroupAssignments().stream().noneMatch(Set::isEmpty),
                "two members of the webhook group, each with partitions");
        System.out.printf("NotificationReplicaKillIT: webhook group partitions by member %s%n",
                webhookGroupAssignments());

        AtomicBoolean streaming = new AtomicBoolean(true);
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                    new StringSerializer())) {
                for (int round = 0; streaming.get(); round++) {
                    Instant next = Instant.now().plusMillis(1000 / EVENTS_PER_SECOND);
                    CallStatus status = PROGRESS.get(round % PROGRESS.size());
                    for (String code : codes) {
                        CloudEvent event = CODEC.create(SOURCE, CallbackEvents.STATUS_CHANGED, code, tenant,
                                new CallbackEvents.StatusChanged(code, SERVICE_QUEUE, status, CallbackState.IN_PROGRESS,
                                        0, OffsetDateTime.now(), null, 1));
                        // Waited for one by one: the order of each callback's events is the order acknowledged.
                        producer.send(new ProducerRecord<>(Topics.CALLBACK_EVENTS, code, CODEC.encode(event))).get();
                        published.get(code).add(new Published(event.id(), status.wireName(), Instant.now()));
                    }
                    pauseUntil(next);
                }
            } catch (Exception e) {
                throw new IllegalStateException("Publishing stopped", e);
            }
        });

        // Mid-stream: every client has seen several events from the replica that is about to die.
        awaitUntil(Duration.ofSeconds(30), () -> clients.stream().allMatch(c -> c.received().size() >= 8),
                "every client received 8 events before the kill");
        // The survivor falls behind (paused), and is let go right after the kill: the clients reconnecting at once
        // reach it while it still has to catch up with the events they saw on the dead replica.
        survivor.pause();
        pauseUntil(Instant.now().plus(LAG));
        Instant killed = Instant.now();
        doomed.kill();
        pauseUntil(Instant.now().plusMillis(300));
        survivor.resume();

        awaitUntil(Duration.ofSeconds(30), () -> clients.stream().allMatch(Client::reconnected),
                "every client reconnected to the surviving replica");
        awaitUntil(Duration.ofSeconds(30), () -> liveSubscribers(survivor) == CALLBACKS,
                "the surviving replica reports " + CALLBACKS + " live subscribers");
        // Streaming goes on for a while on the survivor, then stops.
        awaitUntil(Duration.ofSeconds(30),
                () -> clients.stream().allMatch(c -> c.receivedAfterReconnect() >= 3 * EVENTS_PER_SECOND),
                "every client received events on the surviving replica");
        streaming.set(false);
        stream.get(30, java.util.concurrent.TimeUnit.SECONDS);

        // Until every client has as many frames as its callback had events (at most 60 s): the comparison below shows
        // what is missing or doubled.
        waitUntil(Duration.ofSeconds(60),
                () -> clients.stream().allMatch(c -> c.received().size() >= published.get(c.code).size()));

        long missedBySlowClients = 0;
        for (Client client : clients) {
            List<Published> sent = published.get(client.code);
            List<String> ids = sent.stream().map(Published::eventId).toList();
            int lastOnDoomed = ids.indexOf(client.lastEventIdBeforeKill());
            long missedWhileAway = sent.stream().skip(lastOnDoomed + 1L)
                    .filter(p -> p.acknowledgedAt().isBefore(client.reconnectStartedAt())).count();
            System.out.printf(
                    "NotificationReplicaKillIT: %s (back-off %d ms) saw %d events on the doomed replica, reconnected "
                            + "%d ms after the kill having missed %d, %d frames in all for %d events%n",
                    client.code, client.backOff.toMillis(), lastOnDoomed + 1,
                    Duration.between(killed, client.reconnectStartedAt()).toMillis(), missedWhileAway,
                    client.received().size(), sent.size());
            assertThat(lastOnDoomed).as(client.code + ": its last event on the doomed replica was published")
                    .isGreaterThanOrEqualTo(0);
            assertThat(missedWhileAway).as(client.code + ": events missed stay within the kept history (the test's "
                    + "design, not the service, is wrong otherwise)").isLessThan(HISTORY_PER_CALLBACK);
            if (!client.backOff.isZero()) {
                missedBySlowClients += missedWhileAway;
            }
            assertThat(client.received()).as(client.code + ": every event exactly once, in order, across the kill")
                    .containsExactlyElementsOf(sent.stream().map(p -> p.eventId() + " " + p.status()).toList());
            assertThat(client.closes()).as(client.code + ": one drop (the kill), one reconnect").isEqualTo(1);
        }
        assertThat(missedBySlowClients).as("the slow clients missed events while away (else no resume was needed)")
                .isPositive();

        // Webhooks: every event at least once (a POST in flight at the kill may come twice), recorded once each.
        Set<String> allIds = published.values().stream().flatMap(List::stream).map(Published::eventId)
                .collect(Collectors.toSet());
        // The dead replica's partitions move to the survivor after the group's session timeout (45 s).
        waitUntil(Duration.ofSeconds(180), () -> webhookPosts.keySet().containsAll(allIds));
        assertThat(webhookPosts.keySet()).as("the webhook receiver got every event, and only this tenant's")
                .containsExactlyInAnyOrderElementsOf(allIds);
        Map<String, Long> expected = Map.of("DELIVERED", (long) allIds.size());
        // A POST the dead replica made but did not record is retried once its lease expires; a busy database may
        // slow the bookkeeping down: the comparison below shows the states if they never settle.
        waitUntil(Duration.ofSeconds(120), () -> deliveryStates(tenant).equals(expected));
        Map<String, Long> states = deliveryStates(tenant);
        assertThat(states).as("deliveries by state: one DELIVERED row per event, nothing else").isEqualTo(expected);
        long twice = webhookPosts.values().stream().filter(n -> n.get() > 1).count();
        System.out.printf("NotificationReplicaKillIT: %d events POSTed to the webhook, %d of them more than once; "
                + "deliveries by state %s%n", allIds.size(), twice, states);
        for (Client client : clients) {
            client.close();
        }
    }

    private static void registerWebhook(String tenant) throws Exception {
        String body = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"eventTypes\":[\""
                + CallbackEvents.STATUS_CHANGED.type() + "\"]}";
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(doomed.url("/api/v1/webhooks")))
                .header("Authorization", "Bearer " + TestTokens.token(tenant, "switchboard.admin"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** The partitions of each member of the replicas' shared webhook group. */
    private static List<Set<String>> webhookGroupAssignments() {
        String group = "notification-service-webhooks";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .map(member -> member.assignment().topicPartitions().stream().map(Object::toString)
                            .collect(Collectors.toCollection(java.util.TreeSet::new)))
                    .map(partitions -> (Set<String>) partitions).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe the webhook group", e);
        }
    }

    /** {@code switchboard_notification_live_subscribers} of a replica, -1 when it does not answer. */
    private static long liveSubscribers(ServiceProcess replica) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(replica.url("/q/metrics")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith("switchboard_notification_live_subscribers"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Map<String, Long> deliveryStates(String tenant) {
        try (Connection db = DriverManager.getConnection(PostgresServer.jdbcUrl(database), "postgres", "");
                PreparedStatement query = db.prepareStatement(
                        "select state, count(*) from notification.webhook_delivery where tenant_id = ? group by state")) {
            query.setString(1, tenant);
            Map<String, Long> states = new TreeMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getString(1), rows.getLong(2));
                }
            }
            return states;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A customer's page following one callback: it shows each frame's event id and status, and when its socket drops it
     * waits its back-off and reconnects to the surviving replica with the last event id it saw.
     */
    private static final class Client implements WebSocket.Listener {

        final String code;
        final Duration backOff;
        private final List<String> received = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final AtomicInteger closes = new AtomicInteger();
        private volatile WebSocket socket;
        private volatile String lastEventIdBeforeKill;
        private volatile Instant reconnectStartedAt;
        private volatile int receivedBeforeReconnect = -1;
        private volatile boolean reconnected;

        Client(String code, Duration backOff) {
            this.code = code;
            this.backOff = backOff;
        }

        void connect(ServiceProcess replica) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(
                            URI.create(
                                    replica.url("/api/v1/notifications/callbacks/" + code).replaceFirst("^http", "ws")),
                            this)
                    .join();
        }

        List<String> received() {
            return received;
        }

        int receivedAfterReconnect() {
            return reconnected ? received.size() - receivedBeforeReconnect : 0;
        }

        boolean reconnected() {
            return reconnected;
        }

        String lastEventIdBeforeKill() {
            return lastEventIdBeforeKill;
        }

        Instant reconnectStartedAt() {
            return reconnectStartedAt;
        }

        int closes() {
            return closes.get();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (!"{}".equals(frame)) {
                    try {
                        JsonNode message = JSON.readTree(frame);
                        // another callback's frame shows up as a mismatch in the comparison with what was published
                        String other = code.equals(message.path("confirmationCode").asText()) ? ""
                                : " of " + message.path("confirmationCode").asText();
                        received.add(message.path("eventId").asText() + " " + message.path("status").asText() + other);
                    } catch (IOException e) {
                        received.add("unreadable frame " + frame);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            dropped();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            dropped();
        }

        /** The socket to the doomed replica went away: back off, then resume on the survivor. */
        private void dropped() {
            if (closes.incrementAndGet() > 1 || reconnected) {
                return;
            }
            String last = received.isEmpty() ? null : received.get(received.size() - 1).split(" ")[0];
            lastEventIdBeforeKill = last;
            CompletableFuture.runAsync(() -> {
                pauseUntil(Instant.now().plus(backOff));
                reconnectStartedAt = Instant.now();
                receivedBeforeReconnect = received.size();
                String resume = last == null ? "" : "?lastEventId=" + last;
                socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(
                        survivor.url("/api/v1/notifications/callbacks/" + code + resume).replaceFirst("^http", "ws")),
                        this).join();
                reconnected = true;
            }).exceptionally(failure -> {
                System.out.printf("NotificationReplicaKillIT: %s could not reconnect: %s%n", code, failure);
                return null;
            });
        }

        void close() {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            }
        }
    }

    private static void awaitUntil(Duration timeout, BooleanSupplier condition, String what) {
        assertThat(waitUntil(timeout, condition)).as(what + " within " + timeout.toSeconds() + " s").isTrue();
    }

    /** Whether the condition held before the deadline; a check that cannot be made yet counts as not holding. */
    private static boolean waitUntil(Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!holds(condition)) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            pauseUntil(Instant.now().plusMillis(100));
        }
        return true;
    }

    /** The shared test server may refuse a connection for a moment (too many clients): the next poll asks again. */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (IllegalStateException notNow) {
            return false;
        }
    }

    private static void pauseUntil(Instant until) {
        long millis = Duration.between(Instant.now(), until).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
