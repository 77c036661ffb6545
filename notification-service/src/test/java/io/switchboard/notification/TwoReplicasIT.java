package io.switchboard.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.TextFrames;

/**
 * Two replicas of the packaged service (two processes, two ports, the same Kafka broker and database): every replica
 * reads every event, so a subscriber on each receives the updates of its own callback.
 */
class TwoReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Process> REPLICAS = new ArrayList<>();
    private static final List<Integer> PORTS = new ArrayList<>();

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        String database = PostgresServer.freshDatabase("notification_replicas_it");
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            Path log = Path.of("target", "replica-" + i + ".log");
            REPLICAS.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port, "-Dkafka.bootstrap.servers=" + KafkaBroker.bootstrapServers(),
                    "-Dquarkus.datasource.jdbc.url=" + PostgresServer.jdbcUrl(database),
                    "-Dquarkus.datasource.reactive.url=" + PostgresServer.reactiveUrl(database),
                    "-Dquarkus.datasource.username=postgres",
                    // Read the topic from its start: no race between a replica joining and the test publishing.
                    "-Dmp.messaging.incoming.callback-events.auto.offset.reset=earliest", "-jar",
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
            replica.destroy();
            replica.waitFor();
        }
    }

    @Test
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
