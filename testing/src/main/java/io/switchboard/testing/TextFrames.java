package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK WebSocket client for tests: queues the text frames it receives (joining fragmented ones) and notes when the
 * server closes, so a test can assert what a subscribed browser would have seen.
 */
public final class TextFrames implements WebSocket.Listener {

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    public final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
    private WebSocket socket;

    public static TextFrames connect(URI uri) {
        TextFrames listener = new TextFrames();
        listener.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, listener).join();
        return listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedByServer.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closedByServer.complete(-1);
    }

    /** The HTTP status that refused the handshake. */
    public static int refusedHandshake(URI uri) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new TextFrames()).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("The handshake to " + uri + " was accepted");
    }

    /** The next frame; fails the test after 20 s. */
    public String next() throws InterruptedException {
        String frame = frames.poll(20, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 20 s").isNotNull();
        return frame;
    }

    /** The next frame that is not a keep-alive ({@code {}}). */
    public String nextMessage() throws InterruptedException {
        String frame = next();
        while ("{}".equals(frame)) {
            frame = next();
        }
        return frame;
    }

    public String poll(long seconds) throws InterruptedException {
        return frames.poll(seconds, TimeUnit.SECONDS);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
