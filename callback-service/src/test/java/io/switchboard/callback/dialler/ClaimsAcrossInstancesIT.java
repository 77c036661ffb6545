package io.switchboard.callback.dialler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * Two real instances of the packaged service (target/quarkus-app/quarkus-run.jar, two JVMs on two ports) against one
 * Postgres database and one Kafka broker, with many diallers claiming from both at once: every callback is claimed
 * exactly once, by exactly one claim.
 */
class ClaimsAcrossInstancesIT {

    private static final String TENANT = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final long QUEUE = 7;
    private static final int CALLBACKS = 300;
    private static final int CLIENTS_PER_INSTANCE = 8;

    private static final List<Process> INSTANCES = new ArrayList<>();
    private static final List<URI> BASES = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, String> config;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        config = new SwitchboardTestResource().start();
        // one after the other, so that only the first runs the migrations
        for (int i = 1; i <= 2; i++) {
            int port = freePort();
            INSTANCES.add(launch(i, port));
            URI base = URI.create("http://localhost:" + port);
            awaitReady(base, INSTANCES.get(i - 1));
            BASES.add(base);
        }
    }

    @AfterAll
    static void stopInstances() throws InterruptedException {
        for (Process process : INSTANCES) {
            process.destroy();
        }
        for (Process process : INSTANCES) {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void shouldNeverGiveOneCallbackToTwoClaimsAcrossTwoInstances() throws Exception {
        Set<String> expected = insertDueCallbacks();
        String token = TestTokens.token(TENANT, DiallerResource.SCOPE);
        Map<String, String> leaseByCode = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> duplicates = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Map<URI, Integer> claimedPerInstance = new ConcurrentHashMap<>();

        ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS_PER_INSTANCE);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 2 * CLIENTS_PER_INSTANCE; c++) {
            URI base = BASES.get(c % 2);
            String dialler = "dialler-" + c;
            running.add(clients.submit(() -> {
                while (true) {
                    HttpResponse<String> response = claim(base, token, dialler);
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.body());
                        return null;
                    }
                    JsonNode items = JSON.readTree(response.body()).path("items");
                    if (items.isEmpty()) {
                        return null;
                    }
                    for (JsonNode item : items) {
                        String code = item.path("confirmationCode").asText();
                        if (leaseByCode.putIfAbsent(code, item.path("leaseId").asText()) != null) {
                            duplicates.add(code);
                        }
                        assertThat(item.path("leaseHolder").asText()).isEqualTo(dialler);
                    }
                    claimedPerInstance.merge(base, items.size(), Integer::sum);
                }
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        assertThat(failures).isEmpty();
        assertThat(duplicates).isEmpty();
        assertThat(leaseByCode.keySet()).isEqualTo(expected);
        // both instances really served claims
        assertThat(claimedPerInstance).hasSize(2).allSatisfy((base, count) -> assertThat(count).isPositive());
        // and each callback is held by the very lease its claimer got back
        assertThat(leasesInDatabase()).isEqualTo(leaseByCode);
    }

    private static HttpResponse<String> claim(URI base, String token, String dialler) throws Exception {
        HttpRequest request = HttpRequest
                .newBuilder(base.resolve("/api/v1/dialler/service-queues/" + QUEUE + "/claims"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers
                        .ofString("{\"max\": 3, \"leaseSeconds\": 600, \"diallerId\": \"" + dialler + "\"}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> insertDueCallbacks() throws Exception {
        Set<String> codes = new HashSet<>();
        try (Connection db = database()) {
            try (PreparedStatement queue = db.prepareStatement(
                    "INSERT INTO callback.service_queue (tenant_id, id, name) VALUES (?, ?, 'Claims')")) {
                queue.setString(1, TENANT);
                queue.setLong(2, QUEUE);
                queue.executeUpdate();
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO callback.callback (id, tenant_id,"
                    + " confirmation_code, service_queue_id, call_type, phone_number, state, due_at)"
                    + " VALUES (?, ?, ?, ?, 1, '+447400123456', 'PENDING', now() - interval '1 minute')")) {
                for (int i = 0; i < CALLBACKS; i++) {
                    String code = "IT" + String.format("%08d", i);
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, TENANT);
                    insert.setString(3, code);
                    insert.setLong(4, QUEUE);
                    insert.addBatch();
                    codes.add(code);
                }
                insert.executeBatch();
            }
        }
        return codes;
    }

    private static Map<String, String> leasesInDatabase() throws Exception {
        Map<String, String> leases = new HashMap<>();
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement(
                        "SELECT confirmation_code, lease_id, state" + " FROM callback.callback WHERE tenant_id = ?")) {
            query.setString(1, TENANT);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assertThat(rows.getString("state")).isEqualTo("CLAIMED");
                    leases.put(rows.getString("confirmation_code"), rows.getString("lease_id"));
                }
            }
        }
        return leases;
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
    }

    private static Process launch(int instance, int port) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        assertThat(jar).as("the packaged application (mvn package)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Xmx256m");
        command.add("-jar");
        command.add(jar.toString());
        File log = Path.of("target", "claims-it-instance-" + instance + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void awaitReady(URI base, Process process) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("The instance at " + base + " exited: " + process.exitValue());
            }
            try {
                HttpResponse<String> ready = HTTP.send(
                        HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The instance at " + base + " did not become ready; see target/claims-it-*.log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
