package io.switchboard.notification.webhook;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP endpoint on a random port that records every POST and answers the statuses it is told to. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String contentType, String signature, String body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile int defaultStatus = 200;
    private volatile String location;

    WebhookReceiver() throws IOException {
        this(java.net.InetAddress.getByName("127.0.0.1"));
    }

    /**
     * A receiver on another local address (127.0.0.2 is loopback too, but outside the test profile's allowed range).
     */
    WebhookReceiver(java.net.InetAddress address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            received.add(
                    new Received(headers.getFirst("Content-Type"), headers.getFirst("Switchboard-Signature"), body));
            Integer status = statuses.poll();
            if (location != null) {
                exchange.getResponseHeaders().add("Location", location);
            }
            exchange.sendResponseHeaders(status == null ? defaultStatus : status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/hook";
    }

    /** Sends a Location header with every answer (with a 3xx status, a redirect). */
    void redirectTo(String url) {
        location = url;
    }

    /** Answers these statuses to the next requests, then {@link #defaultStatus}. */
    void answer(Integer... next) {
        statuses.addAll(java.util.List.of(next));
    }

    void answerByDefault(int status) {
        defaultStatus = status;
    }

    Received next() throws InterruptedException {
        Received r = received.poll(15, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("The receiver got no request within 15 s");
        }
        return r;
    }

    /** Null when nothing arrives within the wait. */
    Received nextOrNull(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    static Map<String, String> signatureParts(String header) {
        var parts = new java.util.HashMap<String, String>();
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        return parts;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
