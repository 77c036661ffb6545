import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dialler's status POST to the customer's WebSocket under load, through the whole running suite (gateway,
 * callback-service with its transaction and outbox, the relay, Kafka, notification-service, the gateway again). Run
 * against {@code deploy/local/switchboard up}:
 *
 * <pre>
 * bench/notifications/end-to-end.sh [callbacks] [statuses/s] [statuses per callback]     (10000 12500 6)
 * </pre>
 *
 * Requests the callbacks (32 at a time), opens one WebSocket per callback through the gateway, then reports the
 * statuses of a successful call at a steady rate: every callback's first status, then every callback's second, and so
 * on, so that each callback's statuses are in order and N / rate seconds apart, as a dialler reports a call's steps.
 * Each client checks its own sequence and measures each status from just before its POST to the frame.
 */
public class EndToEndLoad {

    private static final Pattern CODE = Pattern.compile("\"confirmationCode\":\"([A-Za-z0-9]+)\"");
    private static final List<String> STEPS = List.of("CallingUser", "UserConnected", "CallingAgent", "AgentConnected",
            "CallAccepted", "CallSucceeded");
    private static final byte[] STATUS = "\"status\":\"".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String token = args[1];
        int n = Integer.parseInt(args.length > 2 ? args[2] : "10000");
        int rate = Integer.parseInt(args.length > 3 ? args[3] : "12500");
        int steps = Math.min(Integer.parseInt(args.length > 4 ? args[4] : "6"), STEPS.size());
        URI base = URI.create(gateway);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        // Callbacks: fresh numbers every run (a repeat request for a waiting number answers the existing callback).
        String[] codes = new String[n];
        long firstNumber = 7400000000L + new Random().nextInt(50_000_000);
        Semaphore inFlight = new Semaphore(32);
        AtomicInteger refused = new AtomicInteger();
        long createStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int index = i;
            inFlight.acquire();
            http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/v1/callbacks"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"phoneNo\":\"+44" + (firstNumber + i) + "\",\"serviceQueue\":1,\"callType\":1}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                        Matcher code = failure == null ? CODE.matcher(response.body()) : null;
                        if (code != null && response.statusCode() == 201 && code.find()) {
                            codes[index] = code.group(1);
                        } else {
                            refused.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(32);
        inFlight.release(32);
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " callback requests were refused");
        }
        System.out.printf("%d callbacks requested in %.1f s%n", n, (System.nanoTime() - createStart) / 1e9);

        String[] paths = new String[n];
        for (int i = 0; i < n; i++) {
            paths[i] = "/api/v1/notifications/callbacks/" + codes[i];
        }
        WebSocketClients clients = new WebSocketClients(base.getHost(), base.getPort() > 0 ? base.getPort() : 80,
                paths);
        long connectStart = System.nanoTime();
        clients.connectAll(200);
        System.out.printf("%d WebSockets open through the gateway (connected in %.1f s)%n", clients.open(),
                (System.nanoTime() - connectStart) / 1e9);
        Thread.sleep(2000); // the "Requested" events of the last callbacks pass before the statuses start

        long[][] postedAt = new long[n][steps];
        WebSocketClients.Phase phase = clients.startPhase(n * steps, new WebSocketClients.Sequencer() {
            @Override
            public long sequenceOf(int client, ByteBuffer frame, int from, int length) {
                int p = WebSocketClients.after(frame, from, from + length, STATUS);
                if (p < 0) {
                    return -1;
                }
                int end = p;
                while (frame.get(end) != '"') {
                    end++;
                }
                byte[] status = new byte[end - p];
                frame.get(p, status);
                return STEPS.indexOf(new String(status, StandardCharsets.US_ASCII)); // Requested: -1, ignored
            }

            @Override
            public long sentAt(int client, long sequence) {
                return sequence < steps ? postedAt[client][(int) sequence] : 0;
            }
        });

        Semaphore posts = new Semaphore(512);
        AtomicInteger failed = new AtomicInteger();
        int total = n * steps;
        long start = System.nanoTime();
        for (int sent = 0; sent < total;) {
            int due = (int) Math.min(total, (System.nanoTime() - start) / 1e9 * rate + 1);
            for (; sent < due; sent++) {
                int client = sent % n;
                int step = sent / n;
                posts.acquire();
                postedAt[client][step] = System.nanoTime();
                http.sendAsync(HttpRequest.newBuilder(
                        base.resolve("/api/v1/dialler/callbacks/" + codes[client] + "/events"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + STEPS.get(step) + "\"}"))
                        .build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                            if (failure != null || response.statusCode() != 200) {
                                failed.incrementAndGet();
                            }
                            posts.release();
                        });
            }
            Thread.sleep(0, 500_000);
        }
        double postSeconds = (System.nanoTime() - start) / 1e9;
        clients.awaitPhase(120);
        double seconds = (phase.lastReceipt - start) / 1e9;
        System.out.printf("%,d status POSTs in %.1f s (%,.0f/s, goal %,d/s), %d refused or failed; %,d frames in "
                + "%.1f s = %,.0f deliveries/s; lost %d, duplicated %d%n", total, postSeconds, total / postSeconds,
                rate, failed.get(), phase.received, seconds, phase.received / seconds, total - phase.received,
                phase.duplicates);
        System.out.printf("status POST -> WebSocket frame: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                phase.percentile(50), phase.percentile(90), phase.percentile(99), phase.percentile(100));
        System.exit(0);
    }
}
