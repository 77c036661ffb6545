package io.switchboard.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.PostgresServer;

/**
 * The whole suite as an operator runs it: each service's packaged jar as a process of its own, sharing one Postgres
 * database (a schema each) and one Kafka broker, reached through the nginx gateway rendered from
 * {@code deploy/gateway/nginx.conf.template}. Started once per test JVM.
 */
final class SwitchboardSuite {

    enum Service {
        CALLBACK, CAMPAIGN, LEAD, CRM, NOTIFICATION;

        String module() {
            return name().toLowerCase() + "-service";
        }
    }

    private static SwitchboardSuite running;

    final Path root;
    final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final Path logs;
    private Integer gatewayPort;
    private String database;
    private Path gatewayDir;

    private SwitchboardSuite(Path root) {
        this.root = root;
        this.logs = root.resolve("system-tests/target/system-logs");
    }

    static synchronized SwitchboardSuite start() throws Exception {
        if (running == null) {
            SwitchboardSuite suite = new SwitchboardSuite(Path.of(System.getProperty("switchboard.root", "..")));
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stop, "switchboard-suite-stop"));
            suite.launch();
            running = suite;
        }
        return running;
    }

    /** The gateway's base URL when nginx is installed, else empty. */
    Optional<String> gateway() {
        return Optional.ofNullable(gatewayPort).map(port -> "http://127.0.0.1:" + port);
    }

    /** The suite's database (a schema per service), for tests that count rows. */
    String database() {
        return database;
    }

    /** Each service's log lines that show an exception no code handled (see {@link ServiceProcess}). */
    Map<Service, List<String>> unhandledExceptions() throws java.io.IOException {
        Map<Service, List<String>> found = new EnumMap<>(Service.class);
        for (ServiceProcess process : processes) {
            List<String> lines = process.unhandledExceptions();
            if (!lines.isEmpty()) {
                found.put(Service.valueOf(process.module.replace("-service", "").toUpperCase()), lines);
            }
        }
        return found;
    }

    String direct(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    private void launch() throws Exception {
        Files.createDirectories(logs);
        database = PostgresServer.freshDatabase(
                "switchboard_system_" + Integer.toHexString(root.toAbsolutePath().toString().hashCode() & 0xffffff));
        String kafka = KafkaBroker.bootstrapServers();
        for (Service service : Service.values()) {
            // The launcher's profile: production settings plus the demo tenant, as in the README walk-through.
            List<String> extra = new ArrayList<>(List.of("quarkus.profile=local"));
            if (service == Service.NOTIFICATION) {
                // A fresh broker: the replica's new consumer group may read from the start, so a test never races
                // the group's first assignment. Production reads from the latest offset.
                extra.add("mp.messaging.incoming.callback-events.auto.offset.reset=earliest");
                extra.add("mp.messaging.incoming.webhook-events.auto.offset.reset=earliest");
                // Webhooks to a receiver the test runs on the loopback address (ErasureAcrossServicesIT).
                extra.add("switchboard.notification.webhooks.allowed-ranges=127.0.0.1/32");
            }
            ServiceProcess process = ServiceProcess.start(root, service.module(),
                    PostgresServer.host() + ":" + PostgresServer.port(), database, kafka, extra);
            processes.add(process);
            ports.put(service, process.port);
        }
        for (ServiceProcess process : processes) {
            process.awaitReadiness(200, Duration.ofSeconds(300));
        }
        startGatewayIfInstalled();
    }

    private void startGatewayIfInstalled() throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) {
            return;
        }
        gatewayDir = Files.createDirectories(logs.resolve("gateway"));
        gatewayPort = ServiceProcess.freePort();
        String config = Files.readString(root.resolve("deploy/gateway/nginx.conf.template"))
                .replace("${RUNTIME_DIR}", gatewayDir.toAbsolutePath().toString()).replace("${NGINX_DAEMON}", "on")
                .replace("${GATEWAY_LISTEN}", "127.0.0.1:" + gatewayPort)
                .replace("${CALLBACK_UPSTREAM}", "127.0.0.1:" + ports.get(Service.CALLBACK))
                .replace("${CAMPAIGN_UPSTREAM}", "127.0.0.1:" + ports.get(Service.CAMPAIGN))
                .replace("${LEAD_UPSTREAM}", "127.0.0.1:" + ports.get(Service.LEAD))
                .replace("${CRM_UPSTREAM}", "127.0.0.1:" + ports.get(Service.CRM))
                .replace("${NOTIFICATION_UPSTREAM}", "127.0.0.1:" + ports.get(Service.NOTIFICATION));
        Path file = gatewayDir.resolve("nginx.conf");
        Files.writeString(file, config);
        Process started = new ProcessBuilder(nginx.toString(), "-p", gatewayDir.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(gatewayDir.resolve("start.log").toFile()).start();
        if (started.waitFor() != 0) {
            throw new IllegalStateException(
                    "nginx did not start: " + Files.readString(gatewayDir.resolve("start.log")));
        }
    }

    private void stop() {
        if (gatewayDir != null) {
            try {
                new ProcessBuilder("/usr/sbin/nginx", "-p", gatewayDir.toString(), "-c",
                        gatewayDir.resolve("nginx.conf").toString(), "-s", "stop").start().waitFor();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }
        processes.forEach(ServiceProcess::close);
    }
}
