import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.PostgresServer;

/**
 * One notification-service replica (the packaged jar, prod profile) against a real Kafka broker and Postgres: holds N
 * customer WebSockets (one callback each), then publishes status events to switchboard.callback-events and measures
 * deliveries per second (a burst) and the latency from the Kafka publish to the client's receipt (a paced run).
 * Run by bench/notifications/run.sh.
 */
public class NotificationBench {

    public static void main(String[] args) throws Exception {
        int subscribers = Integer.parseInt(args.length > 0 ? args[0] : "10000");
        int burst = Integer.parseInt(args.length > 1 ? args[1] : "20000");
        int pacedPerSecond = 200;
        int pacedSeconds = 15;
        Path jar = Path.of(args.length > 2 ? args[2] : "notification-service/target/quarkus-app/quarkus-run.jar");

        String bootstrap = KafkaBroker.bootstrapServers();
        String database = PostgresServer.freshDatabase("notification_bench");
        int port = 18085;
        Path log = Files.createTempFile("notification-bench", ".log");
        Process service = new ProcessBuilder("java", "-Xmx1g", "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.datasource.jdbc.url=" + PostgresServer.jdbcUrl(database),
                "-Dquarkus.datasource.reactive.url=" + PostgresServer.reactiveUrl(database),
                "-Dquarkus.datasource.username=postgres", "-Dquarkus.log.console.json=false",
                "-Dmp.messaging.incoming.callback-events.auto.offset.reset=latest", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(port, log);
            run(port, bootstrap, subscribers, burst, pacedPerSecond, pacedSeconds);
        } finally {
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static void run(int port, String bootstrap, int subscribers, int burst, int pacedPerSecond,
            int pacedSeconds) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String[] codes = new String[subscribers];
        List<WebSocket> sockets = new ArrayList<>(subscribers);
        ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        AtomicLong received = new AtomicLong();
        AtomicLong lastReceiptNanos = new AtomicLong();
        Semaphore inFlight = new Semaphore(200);
        long connectStart = System.nanoTime();
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            codes[i] = "BENCH" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
            inFlight.acquire();
            pending.add(client.newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/v1/notifications/callbacks/" + codes[i]),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                    Instant now = Instant.now();
                                    String text = data.toString();
                                    int at = text.indexOf("\"occurredAt\":\"");
                                    if (at >= 0) {
                                        String time = text.substring(at + 14, text.indexOf('"', at + 14));
                                        Duration latency = Duration.between(OffsetDateTime.parse(time).toInstant(), now);
                                        latenciesMicros.add(latency.toNanos() / 1000);
                                    }
                                    received.incrementAndGet();
                                    lastReceiptNanos.set(System.nanoTime());
                                    socket.request(1);
                                    return null;
                                }
                            })
                    .whenComplete((socket, failure) -> inFlight.release()));
        }
        for (CompletableFuture<WebSocket> socket : pending) {
            sockets.add(socket.get(60, TimeUnit.SECONDS));
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        System.out.printf("held: %d WebSockets open (connected in %.1f s)%n", sockets.size(), connectSeconds);
        awaitGauge(port, subscribers);

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            // Burst: as fast as the producer goes; deliveries per second until the last one arrived.
            long burstStart = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                String code = codes[i % subscribers];
                producer.send(new ProducerRecord<>("switchboard.callback-events", code, event(code)));
            }
            producer.flush();
            waitFor(received, burst, 120);
            double burstSeconds = (lastReceiptNanos.get() - burstStart) / 1e9;
            System.out.printf("burst: %d events delivered in %.2f s = %.0f deliveries/s%n", received.get(),
                    burstSeconds, received.get() / burstSeconds);

            // Paced: latency from publish to receipt at a steady rate.
            latenciesMicros.clear();
            long before = received.get();
            int paced = pacedPerSecond * pacedSeconds;
            long start = System.nanoTime();
            for (int i = 0; i < paced; i++) {
                long due = start + (long) (i * (1e9 / pacedPerSecond));
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                String code = codes[(i * 7919) % subscribers];
                producer.send(new ProducerRecord<>("switchboard.callback-events", code, event(code)));
                producer.flush();
            }
            waitFor(received, before + paced, 60);
            long[] sorted = latenciesMicros.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("latency (Kafka publish -> client receipt, %d events at %d/s): p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms%n", sorted.length, pacedPerSecond, percentile(sorted, 50) / 1000.0,
                    percentile(sorted, 99) / 1000.0, sorted[sorted.length - 1] / 1000.0);
        }
        System.out.printf("still held after the run: %d of %d%n",
                sockets.stream().filter(s -> !s.isInputClosed()).count(), subscribers);
    }

    private static String event(String code) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/bench\","
                + "\"type\":\"switchboard.callback.status-changed\",\"subject\":\"" + code + "\",\"time\":\""
                + OffsetDateTime.now() + "\",\"tenantid\":\"1\",\"data\":{\"confirmationCode\":\"" + code
                + "\",\"serviceQueue\":1,\"status\":\"CallingUser\",\"state\":\"IN_PROGRESS\"}}";
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void waitFor(AtomicLong received, long target, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (received.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (received.get() < target) {
            System.out.printf("WARNING: %d of %d deliveries arrived within %d s%n", received.get(), target, seconds);
        }
    }

    private static void awaitReady(int port, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            try {
                HttpResponse<String> ready = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("notification-service did not become ready; see " + log);
    }

    /** The server's own count of subscribers (Prometheus gauge), to show it holds them all. */
    private static void awaitGauge(int port, int subscribers) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Arrays.stream(metrics.split("\n")).filter(line -> line.startsWith("switchboard_notification_live_subscribers"))
                .forEach(line -> System.out.println("server gauge: " + line));
    }
}
