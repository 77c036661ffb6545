package io.switchboard.notification.signalr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.notification.EventPublisher;
import io.switchboard.testing.SwitchboardTestResource;

/**
 * The seed's jQuery snippet with the real client (npm signalr 2.4.3 and jQuery) in real headless Chromium, on a page of
 * another origin (localhost:page port) than the hub (127.0.0.1:test port). Needs /usr/bin/chromium and the npm
 * packages; {@code .ci/prepare.d/browser} installs both.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class LegacySnippetBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path PAGE_DIRECTORY = Path.of("src/test/browser");
    private static final Path SIGNALR_CLIENT = PAGE_DIRECTORY.resolve("node_modules/signalr/jquery.signalR.js");
    private static final Path JQUERY = PAGE_DIRECTORY.resolve("node_modules/jquery/dist/jquery.min.js");

    @ConfigProperty(name = "quarkus.http.test-port")
    int hubPort;

    @Inject
    HubConnections connections;

    @ParameterizedTest
    @ValueSource(strings = { "webSockets", "serverSentEvents", "longPolling" })
    void shouldShowEveryStatusOnACustomerPageAndResumeAfterTheServerDropsTheTransport(String transport)
            throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "Skipped: no /usr/bin/chromium. Run .ci/prepare.d/browser (apt-get install chromium) to enable it.");
        assumeTrue(Files.exists(SIGNALR_CLIENT) && Files.exists(JQUERY), "Skipped: no npm packages in " + PAGE_DIRECTORY
                + ". Run .ci/prepare.d/browser (npm ci there) to enable it.");
        String code = EventPublisher.newCode();
        try (PageServer page = new PageServer();
                EventPublisher events = new EventPublisher()) {
            String url = "http://localhost:" + page.port() + "/notify-me.html?transport=" + transport + "&code=" + code
                    + "&hub=" + URLEncoder.encode("http://127.0.0.1:" + hubPort, StandardCharsets.UTF_8);
            try (Browser ignored = Browser.open(url)) {
                page.awaitReport("started " + transport);
                page.awaitReport("subscribed");

                events.requested(code);
                for (String status : List.of("CallingUser", "CallingUserFailed", "Rescheduled", "CallingUser",
                        "UserConnected")) {
                    events.statusChanged(code, status, "IN_PROGRESS");
                }
                page.awaitReport("updateStatus " + code + " UserConnected");

                // A long-polling page may be between two polls: drop as soon as it has a request open.
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .until(() -> connections.dropTransports() > 0);
                page.awaitReport("reconnecting");
                // Published while the page has no transport: the reconnect must bring it.
                events.statusChanged(code, "CallingAgent", "IN_PROGRESS");
                page.awaitReport("reconnected");
                page.awaitReport("updateStatus " + code + " CallingAgent");

                for (String status : List.of("AgentConnected", "CallAccepted", "CallSucceeded")) {
                    events.statusChanged(code, status, "SUCCEEDED");
                }
                page.awaitReport("closeConnection");
                page.awaitReport("disconnected");
            }
            assertThat(page.reports().stream().filter(line -> line.startsWith("updateStatus")).toList())
                    .containsExactly(Stream
                            .of("CallingUser", "CallingUserFailed", "Rescheduled", "CallingUser", "UserConnected",
                                    "CallingAgent", "AgentConnected", "CallAccepted", "CallSucceeded")
                            .map(status -> "updateStatus " + code + " " + status).toArray(String[]::new));
            assertThat(page.reports()).as("the page stopped the connection the hub closed")
                    .endsWith("updateStatus " + code + " CallSucceeded", "closeConnection", "disconnected");
        }
    }

    /** Serves the page and the npm client from another origin and collects what the page reports. */
    static final class PageServer implements AutoCloseable {

        private final HttpServer server;
        private final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        PageServer() throws IOException {
            server = HttpServer.create(new InetSocketAddress(0), 0);
            server.createContext("/notify-me.html",
                    exchange -> serve(exchange, PAGE_DIRECTORY.resolve("notify-me.html"), "text/html"));
            server.createContext("/jquery.js", exchange -> serve(exchange, JQUERY, "text/javascript"));
            server.createContext("/jquery.signalR.js", exchange -> serve(exchange, SIGNALR_CLIENT, "text/javascript"));
            server.createContext("/report", exchange -> {
                incoming.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        void awaitReport(String expected) throws InterruptedException {
            while (true) {
                String report = incoming.poll(30, TimeUnit.SECONDS);
                if (report == null) {
                    fail("The page did not report '" + expected + "' within 30 s; it reported " + seen);
                }
                seen.add(report);
                if (report.equals(expected)) {
                    return;
                }
            }
        }

        List<String> reports() {
            incoming.drainTo(seen);
            return seen;
        }

        private static void serve(HttpExchange exchange, Path file, String contentType) throws IOException {
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().add("Content-Type", contentType + "; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** Headless Chromium showing one page; closing it ends the browser and its helper processes. */
    record Browser(Process process, Path profile) implements AutoCloseable {

        static Browser open(String url) throws IOException {
            Path profile = Files.createTempDirectory("chromium-profile");
            Process process = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, url).redirectErrorStream(true)
                            .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile()).start();
            return new Browser(process, profile);
        }

        @Override
        public void close() throws IOException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
