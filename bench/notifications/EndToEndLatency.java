import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency from a dialler's status POST to the customer's WebSocket receipt, through the whole running suite: gateway,
 * callback-service (transaction + outbox), the relay, Kafka, notification-service. Run against
 * `deploy/local/switchboard up`:
 *
 * <pre>
 * java bench/notifications/EndToEndLatency.java GATEWAY_URL TOKEN CALLBACKS STATUSES_PER_CALLBACK
 * </pre>
 *
 * Each callback gets its own WebSocket; statuses are sent one at a time per callback (a dialler reports a call's steps
 * in order), callbacks in sequence, so the figure is latency, not queueing under load.
 */
public class EndToEndLatency {

    private static final Pattern CODE = Pattern.compile("\"confirmationCode\":\"([A-Z0-9]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Za-z]+)\"");
    private static final List<String> STEPS = List.of("CallingUser", "UserConnected", "CallingAgent", "AgentConnected",
            "CallAccepted", "CallSucceeded");

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String token = args[1];
        int callbacks = Integer.parseInt(args[2]);
        int steps = Math.min(Integer.parseInt(args[3]), STEPS.size());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Double> latenciesMs = Collections.synchronizedList(new ArrayList<>());
        // Fresh numbers every run: a repeat request for a number that still waits would get the existing callback.
        long firstNumber = 7400000000L + new java.util.Random().nextInt(90_000_000);

        for (int i = 0; i < callbacks; i++) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/callbacks"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"phoneNo\":\"+44" + (firstNumber + i) + "\",\"serviceQueue\":1,\"callType\":1}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Matcher code = CODE.matcher(created.body());
            if (created.statusCode() != 201 || !code.find()) {
                throw new IllegalStateException("callback not created: " + created.statusCode() + " " + created.body());
            }
            String confirmationCode = code.group(1);
            Map<String, CountDownLatch> arrived = new ConcurrentHashMap<>();
            Map<String, Long> receivedAt = new ConcurrentHashMap<>();
            STEPS.forEach(step -> arrived.put(step, new CountDownLatch(1)));
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(gateway.replaceFirst("^http", "ws")
                    + "/api/v1/notifications/callbacks/" + confirmationCode), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            long now = System.nanoTime();
                            partial.append(data);
                            if (last) {
                                Matcher status = STATUS.matcher(partial);
                                if (status.find() && arrived.containsKey(status.group(1))) {
                                    receivedAt.put(status.group(1), now);
                                    arrived.get(status.group(1)).countDown();
                                }
                                partial.setLength(0);
                            }
                            webSocket.request(1);
                            return null;
                        }
                    }).join();
            for (String step : STEPS.subList(0, steps)) {
                long sent = System.nanoTime();
                HttpResponse<String> reported = http.send(HttpRequest.newBuilder(
                        URI.create(gateway + "/api/v1/dialler/callbacks/" + confirmationCode + "/events"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + step + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (reported.statusCode() != 200) {
                    throw new IllegalStateException(step + " refused: " + reported.statusCode() + " " + reported.body());
                }
                if (!arrived.get(step).await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(step + " of " + confirmationCode + " never reached the WebSocket");
                }
                latenciesMs.add((receivedAt.get(step) - sent) / 1_000_000.0);
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        List<Double> sorted = new ArrayList<>(latenciesMs);
        Collections.sort(sorted);
        System.out.printf("status POST -> WebSocket receipt, %d statuses over %d callbacks: p50 %.1f ms, p90 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms%n", sorted.size(), callbacks, percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
