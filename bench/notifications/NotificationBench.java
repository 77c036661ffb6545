import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.PostgresServer;

/**
 * One notification-service replica (the packaged jar, prod profile, the launcher's JVM defaults) against a real Kafka
 * broker and Postgres. Holds N customer WebSockets (one callback each, a lean NIO client so that the client costs
 * little of the shared CPU), then publishes status events to switchboard.callback-events as the outbox relay does and
 * measures:
 * <ul>
 * <li>memory: the service's heap (after a full GC) and RSS before and after the subscribers connect;</li>
 * <li>bursts: B events as fast as the producer goes, deliveries per second until the last arrives;</li>
 * <li>sustained rates: R events per second for S seconds (and R/2), deliveries per second in the window and the
 * latency from the Kafka publish to the client's receipt (p50/p99/max), with the service's CPU per delivery.</li>
 * </ul>
 * Every client checks its own sequence ({@link WebSocketClients}): event ids carry a number, client i receives numbers
 * i, i+N, i+2N, ... in order; a gap is a lost delivery, a repeat a duplicate. Run by bench/notifications/run.sh.
 */
public class NotificationBench {

    static final String TOPIC = "switchboard.callback-events";

    public static void main(String[] args) throws Exception {
        int subscribers = Integer.parseInt(arg(args, 0, "10000"));
        int burst = Integer.parseInt(arg(args, 1, "50000"));
        int rate = Integer.parseInt(arg(args, 2, "25000"));
        int seconds = Integer.parseInt(arg(args, 3, "20"));
        Path jar = Path.of(arg(args, 4, "notification-service/target/quarkus-app/quarkus-run.jar"));
        String jvm = System.getenv().getOrDefault("SERVICE_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC");
        String jfr = System.getenv("JFR");

        String bootstrap = KafkaBroker.bootstrapServers();
        String database = PostgresServer.freshDatabase("notification_bench");
        int port = freePort();
        Path log = Files.createTempFile("notification-bench", ".log");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(Arrays.asList(jvm.trim().split("\\s+")));
        if (jfr != null && !jfr.isBlank()) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        command.addAll(List.of("-Dquarkus.http.port=" + port, "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.datasource.jdbc.url=" + PostgresServer.jdbcUrl(database),
                "-Dquarkus.datasource.reactive.url=" + PostgresServer.reactiveUrl(database),
                "-Dquarkus.datasource.username=postgres", "-Dquarkus.log.console.json=false",
                // a bench key; production takes it from a Kubernetes Secret
                "-Dswitchboard.notification.webhooks.encryption-key=YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMzI=",
                "-jar", jar.toString()));
        System.out.printf("service: %s (port %d, log %s)%n", String.join(" ", jvm), port, log);
        Process service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(port, log);
            new NotificationBench(service.pid(), port, bootstrap, subscribers).run(burst, rate, seconds);
        } finally {
            service.destroy();
            service.waitFor(30, TimeUnit.SECONDS);
            if (jfr != null && !jfr.isBlank()) {
                System.out.println("flight recording: " + jfr);
            }
        }
        System.exit(0);
    }

    private final long pid;
    private final int port;
    private final String bootstrap;
    private final int n;
    private final String[] codes;
    private final WebSocketClients clients;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    NotificationBench(long pid, int port, String bootstrap, int subscribers) throws IOException {
        this.pid = pid;
        this.port = port;
        this.bootstrap = bootstrap;
        this.n = subscribers;
        this.codes = new String[n];
        String[] paths = new String[n];
        for (int i = 0; i < n; i++) {
            codes[i] = "BENCH" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
            paths[i] = "/api/v1/notifications/callbacks/" + codes[i];
        }
        this.clients = new WebSocketClients("127.0.0.1", port, paths);
    }

    void run(int burst, int rate, int seconds) throws Exception {
        System.out.println("load before: " + loadAverage());
        Memory idle = memory();
        long connectStart = System.nanoTime();
        clients.connectAll(500);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        System.out.printf("held: %d WebSockets open (connected in %.1f s); server gauge %s%n", clients.open(),
                connectSeconds, metric("switchboard_notification_live_subscribers"));
        Memory held = memory();
        System.out.printf("memory: heap after GC %.1f MB idle -> %.1f MB with %d subscribers = %.0f KB per 1,000 "
                + "(%.0f bytes each); RSS %.1f MB -> %.1f MB = %.0f KB per 1,000%n", idle.heap / 1e6, held.heap / 1e6,
                n, (held.heap - idle.heap) / 1e3 / (n / 1000.0), (double) (held.heap - idle.heap) / n,
                idle.rss / 1e6, held.rss / 1e6, (held.rss - idle.rss) / 1e3 / (n / 1000.0));

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            // Warm-up, unmeasured: the JIT (a third of the service's CPU in a 3-minute run without it), the partitions,
            // the consumer's first fetches.
            phase(producer, "warm-up", Math.max(10 * n, 100_000), 20_000, false);
            if (burst > 0) {
                phase(producer, "burst", burst, 0, true);
            }
            if (rate > 0) {
                phase(producer, "sustained", rate * seconds, rate, true);
                phase(producer, "half rate", rate / 2 * seconds, rate / 2, true);
            }
        }
        System.out.printf("still held after the run: %d of %d; closed as too slow (server): %s%n", clients.open(), n,
                metric("switchboard_notification_live_too_slow_total"));
        System.out.println("load after: " + loadAverage());
    }

    /**
     * Publishes {@code events} events round-robin over the clients at {@code rate} per second (0: as fast as the
     * producer goes) and reports what arrived.
     */
    private void phase(KafkaProducer<String, String> producer, String name, int events, int rate, boolean report)
            throws Exception {
        long[] publishedAt = new long[events];
        WebSocketClients.Phase phase = clients.startPhase(events, new EventNumbers(phaseNumber + 1, publishedAt));
        phaseNumber = phase.number;
        long cpuBefore = cpuTicks();
        long start = System.nanoTime();
        int sent = 0;
        while (sent < events) {
            int due = rate == 0 ? events : (int) Math.min(events, (System.nanoTime() - start) / 1e9 * rate + 1);
            for (; sent < due; sent++) {
                int client = sent % n;
                publishedAt[sent] = System.nanoTime();
                producer.send(new ProducerRecord<>(TOPIC, codes[client], event(client, phase.number, sent)));
            }
            if (rate > 0) {
                Thread.sleep(0, 500_000);
            }
        }
        producer.flush();
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        clients.awaitPhase(120);
        long cpuAfter = cpuTicks();
        if (!report) {
            return;
        }
        double seconds = (phase.lastReceipt - start) / 1e9;
        double cpuSeconds = (cpuAfter - cpuBefore) / 100.0;
        System.out.printf("%s: %,d events published in %.2f s (%,.0f/s); %,d delivered in %.2f s = %,.0f "
                + "deliveries/s; lost %d, duplicated %d (gaps %d, closed %d)%n", name, events, publishSeconds,
                events / publishSeconds, phase.received, seconds, phase.received / seconds, events - phase.received,
                phase.duplicates, phase.gaps, phase.closed);
        System.out.printf("  latency Kafka publish -> client: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; "
                + "service CPU %.1f s (%.0f us per delivery, %.0f%% of one core); load %s%n", phase.percentile(50),
                phase.percentile(90), phase.percentile(99), phase.percentile(100), cpuSeconds,
                cpuSeconds * 1e6 / Math.max(1, phase.received), 100 * cpuSeconds / seconds, loadAverage());
    }

    private int phaseNumber;

    /**
     * Event ids are {@code <run>-<phase>-<number>}; client i is sent numbers i, i+N, i+2N ... so its k-th message is
     * number k*N + i.
     */
    private final class EventNumbers implements WebSocketClients.Sequencer {

        private final byte[] prefix;
        private final long[] publishedAt;

        EventNumbers(int phase, long[] publishedAt) {
            this.prefix = ("\"eventId\":\"" + runId + "-" + phase + "-").getBytes(StandardCharsets.US_ASCII);
            this.publishedAt = publishedAt;
        }

        @Override
        public long sequenceOf(int client, ByteBuffer frame, int from, int length) {
            int p = WebSocketClients.after(frame, from, from + length, prefix);
            if (p < 0) {
                return -1; // another phase's straggler
            }
            long number = 0;
            byte b;
            while ((b = frame.get(p)) >= '0' && b <= '9') {
                number = number * 10 + (b - '0');
                p++;
            }
            return number % n == client ? number / n : -1;
        }

        @Override
        public long sentAt(int client, long sequence) {
            long number = sequence * n + client;
            return number < publishedAt.length ? publishedAt[(int) number] : 0;
        }
    }

    /** A status change as callback-service's outbox writes it (common's CloudEventCodec, structured mode). */
    private String event(int client, int phase, int number) {
        String code = codes[client];
        String now = OffsetDateTime.now().toString();
        return "{\"specversion\":\"1.0\",\"id\":\"" + runId + "-" + phase + "-" + number + "\",\"source\":\"/switchboard/bench\","
                + "\"type\":\"switchboard.callback.status-changed\",\"subject\":\"" + code + "\",\"time\":\"" + now
                + "\",\"datacontenttype\":\"application/json\",\"tenantid\":\"1\",\"data\":{\"confirmationCode\":\""
                + code + "\",\"serviceQueue\":1,\"status\":\"CallingUser\",\"state\":\"IN_PROGRESS\",\"retries\":0,"
                + "\"occurredAt\":\"" + now + "\",\"dueAt\":null,\"attempt\":1}}";
    }

    record Memory(long heap, long rss) {
    }

    /** Heap used after a full GC (jcmd) and the resident set of the service process. */
    private Memory memory() throws Exception {
        new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Thread.sleep(500);
        String info = new String(new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info").redirectErrorStream(true)
                .start().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long heapKb = 0;
        // one "total ..., used ...K" line per generation (serial: young and old; G1: one heap line)
        for (String line : info.split("\n")) {
            if (line.contains("total") && line.contains("used") && !line.contains("Metaspace")
                    && !line.contains("class space")) {
                var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(line);
                if (m.find()) {
                    heapKb += Long.parseLong(m.group(1));
                }
            }
        }
        long rssKb = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rssKb = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new Memory(heapKb * 1024, rssKb * 1024);
    }

    /** utime + stime of the service, in clock ticks (1/100 s). */
    private long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String loadAverage() throws IOException {
        String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return load[0] + " " + load[1] + " " + load[2];
    }

    private String metric(String name) throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return Arrays.stream(metrics.split("\n")).filter(line -> line.startsWith(name)).map(l -> l.split(" ")[1])
                .findFirst().orElse("n/a");
    }

    private static void awaitReady(int port, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("notification-service did not become ready; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index ? args[index] : fallback;
    }

}
