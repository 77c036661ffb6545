package io.switchboard.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.switchboard.common.events.CloudEvent;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.TextFrames;

/**
 * Two replicas of the packaged service (two processes, two ports, the same Kafka broker and database): every replica
 * reads every event, so a subscriber on each receives the updates of its own callback; webhooks are recorded and POSTed
 * once across them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Process> REPLICAS = new ArrayList<>();
    private static final List<Integer> PORTS = new ArrayList<>();
    private static final String KEY = "dHdvLXJlcGxpY2FzLWl0LWtleS0zMi1ieXRlcy1vayE=";
    private static String database;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        database = PostgresServer.freshDatabase("notification_replicas_it");
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            Path log = Path.of("target", "replica-" + i + ".log");
            REPLICAS.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port, "-Dkafka.bootstrap.servers=" + KafkaBroker.bootstrapServers(),
                    "-Dquarkus.datasource.jdbc.url=" + PostgresServer.jdbcUrl(database),
                    "-Dquarkus.datasource.reactive.url=" + PostgresServer.reactiveUrl(database),
                    "-Dquarkus.datasource.username=postgres",
                    "-Dmp.jwt.verify.publickey.location=" + TestTokens.publicKeyFile().toUri(),
                    "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER,
                    "-Dswitchboard.notification.webhooks.encryption-key=" + KEY,
                    "-Dswitchboard.notification.webhooks.allowed-ranges=127.0.0.1/32",
                    // Read the topics from their start: no race between a replica joining and the test publishing.
                    "-Dmp.messaging.incoming.callback-events.auto.offset.reset=earliest",
                    "-Dmp.messaging.incoming.webhook-events.auto.offset.reset=earliest", "-jar",
                    "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true).redirectOutput(log.toFile())
                            .start());
            PORTS.add(port);
        }
        for (int port : PORTS) {
            awaitReady(port);
        }
    }

    @AfterAll
    static void stopReplicas() throws InterruptedException {
        for (Process replica : REPLICAS) {
            if (!replica.isAlive()) {
                continue;
            }
            replica.destroy();
            replica.waitFor();
        }
    }

    @Test
    @Order(1)
    void shouldDeliverToTheSubscribersOfEachReplica() throws Exception {
        String first = EventPublisher.newCode();
        String second = EventPublisher.newCode();
        TextFrames onFirst = TextFrames.connect(socket(PORTS.get(0), first));
        TextFrames onSecond = TextFrames.connect(socket(PORTS.get(1), second));
        try (EventPublisher events = new EventPublisher()) {
            String firstId = events.statusChanged(first, "CallingUser", "IN_PROGRESS");
            String secondId = events.statusChanged(second, "CallingAgent", "IN_PROGRESS");
            JsonNode onFirstFrame = JSON.readTree(onFirst.nextMessage());
            JsonNode onSecondFrame = JSON.readTree(onSecond.nextMessage());
            assertThat(onFirstFrame.path("eventId").asText()).isEqualTo(firstId);
            assertThat(onSecondFrame.path("eventId").asText()).isEqualTo(secondId);
            assertThat(onFirstFrame.path("confirmationCode").asText()).isEqualTo(first);
            assertThat(onFirstFrame.path("status").asText()).isEqualTo("CallingUser");
            assertThat(onSecondFrame.path("confirmationCode").asText()).isEqualTo(second);
            assertThat(onSecondFrame.path("status").asText()).isEqualTo("CallingAgent");

            // Both replicas see every event: the same callback followed on both gets it on both.
            TextFrames alsoSecond = TextFrames.connect(socket(PORTS.get(1), first));
            try {
                String succeeded = events.statusChanged(first, "CallSucceeded", "SUCCEEDED");
                assertThat(JSON.readTree(onFirst.nextMessage()).path("eventId").asText()).isEqualTo(succeeded);
                assertThat(JSON.readTree(alsoSecond.nextMessage()).path("eventId").asText()).isEqualTo(succeeded);
            } finally {
                alsoSecond.close();
            }
        } finally {
            onFirst.close();
            onSecond.close();
        }
    }

    /**
     * Webhook bookkeeping is one consumer group shared by the replicas: every event is recorded once and POSTed once
     * (accepted once; a 500 is retried), also while one replica leaves the group half way.
     */
    @Test
    @Order(2)
    void shouldPostEveryWebhookOnceAcrossReplicasAndWhenOneLeaves() throws Exception {
        String tenant = "5" + (System.nanoTime() % 1_000_000);
        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String id = JSON.readTree(exchange.getRequestBody()).path("id").asText();
            // every tenth request fails once: retried by whichever replica claims it next
            int status = requests.incrementAndGet() % 10 == 0 ? 500 : 200;
            if (status == 200) {
                accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.start();
        try (EventPublisher events = new EventPublisher()) {
            String body = "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}";
            HttpResponse<String> created = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORTS.get(0) + "/api/v1/webhooks"))
                            .header("Authorization", "Bearer " + TestTokens.token(tenant, "switchboard.admin"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            List<CloudEvent> published = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                published.add(EventPublisher.statusChangedEvent(tenant, 7, EventPublisher.newCode(), "CallingUser",
                        "IN_PROGRESS"));
            }
            events.publishAll(published.subList(0, 200));
            // One replica leaves (a rolling update): its partitions move to the other, nothing is lost or doubled.
            Process leaving = REPLICAS.get(1);
            leaving.destroy();
            leaving.waitFor();
            events.publishAll(published.subList(200, 400));

            Set<String> ids = published.stream().map(CloudEvent::id).collect(Collectors.toSet());
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> accepted.keySet().containsAll(ids));
            Thread.sleep(3000); // anything doubled would arrive now
            assertThat(accepted.keySet()).isEqualTo(ids);
            assertThat(accepted.values()).allSatisfy(count -> assertThat(count.get()).as("accepted once").isOne());
            try (Connection connection = DriverManager.getConnection(PostgresServer.jdbcUrl(database), "postgres", "");
                    Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT state, count(*) FROM notification.webhook_delivery "
                            + "WHERE tenant_id = '" + tenant + "' GROUP BY state")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("DELIVERED");
                assertThat(rows.getLong(2)).as("one delivery row per event").isEqualTo(400);
                assertThat(rows.next()).as("nothing pending or dead").isFalse();
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static URI socket(int port, String code) {
        return URI.create("ws://127.0.0.1:" + port + "/api/v1/notifications/callbacks/" + code);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            try {
                if (client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("A replica did not become ready; see target/replica-*.log");
    }
}
