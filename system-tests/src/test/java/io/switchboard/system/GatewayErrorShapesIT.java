package io.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The errors nginx answers itself, in each surface's error shape: the gateway from
 * {@code deploy/gateway/nginx.conf.template} in front of five upstreams that do not answer (every service down), so
 * that each request is either refused by the gateway before it would reach a service, or finds its service gone. Raw
 * sockets: the requests are ones an HTTP client library refuses to send.
 */
class GatewayErrorShapesIT {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODERN = "/api/v1/callbacks/";
    private static final String PLATFORM = "/platform-api/v3.0/leads/";
    private static final String LEGACY = "/RequestCallbackService/Service.svc/rest/";
    private static final String BUZZMEINFO = "/BuzzMeInfo/InfoService.svc/rest/";
    private static final String AMEYO = "/ameyorestapi/voice/customerCallbacks/";
    private static final String CALLS = "/calls/";

    private static Path dir;
    private static int port;

    record Answer(int status, String contentType, String retryAfter, String body) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    @BeforeAll
    static void startGateway() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(NGINX),
                "nginx is not installed: apt-get install nginx-light (.ci/prepare.d/gateway does it on CI)");
        Path root = Path.of(System.getProperty("switchboard.root", ".."));
        dir = Files.createTempDirectory("gateway-errors");
        port = ServiceProcess.freePort();
        String dead = "127.0.0.1:" + ServiceProcess.freePort();
        String config = Files.readString(root.resolve("deploy/gateway/nginx.conf.template"))
                .replace("${RUNTIME_DIR}", dir.toString()).replace("${NGINX_DAEMON}", "on")
                .replace("${GATEWAY_LISTEN}", "127.0.0.1:" + port).replace("${CALLBACK_UPSTREAM}", dead)
                .replace("${CAMPAIGN_UPSTREAM}", dead).replace("${LEAD_UPSTREAM}", dead)
                .replace("${CRM_UPSTREAM}", dead).replace("${NOTIFICATION_UPSTREAM}", dead);
        Files.writeString(dir.resolve("nginx.conf"), config);
        Process started = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("start.log").toFile()).start();
        assertThat(started.waitFor()).as(() -> read(dir.resolve("start.log"))).isZero();
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (Exception notYet) {
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopGateway() throws Exception {
        if (dir != null) {
            new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-s",
                    "stop").start().waitFor();
        }
    }

    @Test
    void shouldAnswerADeadServiceWith503AndRetryAfterInEachSurfacesShape() throws Exception {
        for (String path : List.of(MODERN + "X", PLATFORM + "1")) {
            Answer answer = get(path, "");
            assertThat(answer.status()).as(path).isEqualTo(503);
            assertThat(answer.retryAfter()).as(path).isNotEmpty();
            assertProblem(answer, 503, "https://switchboard.io/problems/service-unavailable");
        }
        Answer legacy = post(LEGACY + "RequestCallWhenAvailable", "{\"company\":\"1\"}");
        assertThat(legacy.status()).isEqualTo(503);
        assertThat(legacy.retryAfter()).isNotEmpty();
        assertThat(legacy.contentType()).isEqualTo("application/json");
        assertThat(legacy.json().path("ResultCode").asInt()).as("Unable to connect to remote location").isEqualTo(2);
        assertThat(legacy.json().has("ConfirmationCode")).isTrue();

        Answer ameyo = get(AMEYO.replace("customerCallbacks/", "customerCallbacks/getFiltered"), "");
        assertThat(ameyo.status()).isEqualTo(503);
        assertThat(ameyo.json().path("status").asInt()).isEqualTo(503);
        assertThat(ameyo.json().path("errorCode").asInt()).isEqualTo(503);
        assertThat(ameyo.json().has("message")).isTrue();
        assertThat(ameyo.json().has("info")).isTrue();

        Answer calls = get(CALLS + "record?phone=1", "");
        assertThat(calls.status()).isEqualTo(503);
        assertThat(calls.json().path("status").asBoolean(true)).isFalse();
        assertThat(calls.json().path("error").asText()).isNotBlank();
    }

    @Test
    void shouldRefuseARequestLineTheServicesCannotReadInEachSurfacesShape() throws Exception {
        // 4-8 KB: longer than the services' 4096 bytes, short enough for nginx to read the path.
        for (int length : List.of(4200, 7000)) {
            assertProblem(get(MODERN + "x".repeat(length), ""), 414, "https://switchboard.io/problems/uri-too-long");
            assertProblem(get(PLATFORM + "x".repeat(length), ""), 414, "https://switchboard.io/problems/uri-too-long");
            Answer legacy = get(BUZZMEINFO + "GetCallDataByPin?pin=" + "1".repeat(length), "");
            assertThat(legacy.status()).isEqualTo(414);
            assertThat(legacy.json().path("ResultCode").asInt()).isEqualTo(1);
            Answer ameyo = get(AMEYO + "x".repeat(length), "");
            assertThat(ameyo.status()).isEqualTo(414);
            assertThat(ameyo.json().path("errorCode").asInt()).isEqualTo(414);
            Answer calls = get(CALLS + "autocomplete?term=" + "x".repeat(length), "");
            assertThat(calls.status()).isEqualTo(414);
            assertThat(calls.json().path("status").asBoolean(true)).isFalse();
        }
        // A line just inside the limit goes through to the (dead) service.
        String path = MODERN + "x".repeat(4096 - "GET  HTTP/1.1".length() - MODERN.length());
        assertThat(get(path, "").status()).isEqualTo(503);
        // 100 KB: beyond what nginx reads.
        Answer huge = get(MODERN + "y".repeat(100_000), "");
        assertThat(huge.status()).isEqualTo(414);
        assertThat(huge.json().path("status").asInt()).isEqualTo(414);
    }

    @Test
    void shouldRefuseANulInThePathAndOversizedHeadersAndBodiesInEachSurfacesShape() throws Exception {
        assertProblem(get(MODERN + "a%00b", ""), 400, "https://switchboard.io/problems/malformed-request");
        assertProblem(get(PLATFORM + "a%00b", ""), 400, "https://switchboard.io/problems/malformed-request");
        Answer legacy = get(BUZZMEINFO + "GetCallDataByPin%00", "");
        assertThat(legacy.status()).isEqualTo(400);
        assertThat(legacy.json().path("ResultCode").asInt()).isEqualTo(1);
        Answer ameyo = get(AMEYO + "a%00", "");
        assertThat(ameyo.status()).isEqualTo(400);
        assertThat(ameyo.json().path("status").asInt()).isEqualTo(400);
        Answer calls = get(CALLS + "record%00", "");
        assertThat(calls.status()).isEqualTo(400);
        assertThat(calls.json().path("status").asBoolean(true)).isFalse();

        assertProblem(get(MODERN + "x", "X-Padding: " + "p".repeat(9000) + "\r\n"), 400,
                "https://switchboard.io/problems/malformed-request");

        Answer tooLarge = request("POST " + MODERN + "x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (11 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertProblem(tooLarge, 413, "https://switchboard.io/problems/request-too-large");
        Answer legacyTooLarge = request("POST " + LEGACY + "RequestCallWhenAvailable HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: " + (11 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertThat(legacyTooLarge.status()).isEqualTo(413);
        assertThat(legacyTooLarge.json().path("ResultCode").asInt()).isEqualTo(1);
    }

    @Test
    void shouldAnswerUnknownPathsAndMethodsWithATypedProblem() throws Exception {
        assertProblem(get("/nowhere", ""), 404, "https://switchboard.io/problems/not-found");
        assertProblem(request("TRACE " + MODERN + "x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 405,
                "https://switchboard.io/problems/method-not-allowed");
        assertProblem(get("/errors/modern", ""), 404, "https://switchboard.io/problems/not-found");
    }

    private static void assertProblem(Answer answer, int status, String type) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    private static Answer get(String target, String headers) throws Exception {
        return request("GET " + target + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n");
    }

    private static Answer post(String target, String body) throws Exception {
        return request("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
    }

    private static Answer request(String raw) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                received.write(buffer, 0, n);
            }
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            String body = text.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, header(head, "Content-Type"), header(head, "Retry-After"), body);
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
