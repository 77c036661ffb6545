import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N WebSocket clients on one selector thread, so that thousands of subscribers cost the shared CPU little: the HTTP/1.1
 * upgrade, then server frames (unmasked) parsed in place. Each client checks its own sequence: a {@link Sequencer}
 * tells which message of the client's series a frame is; the next expected one is counted with its latency, a repeat
 * is a duplicate, a jump a gap (the skipped ones are lost).
 */
public final class WebSocketClients {

    /** Reads what a frame is: the index of the message in its client's series (0, 1, 2 ...), or -1 to ignore it. */
    public interface Sequencer {

        long sequenceOf(int client, ByteBuffer frame, int from, int length);

        /** When the message with this index was sent to this client (System.nanoTime()), 0 if unknown. */
        long sentAt(int client, long sequence);
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private final String[] paths;
    private final int n;
    private final SocketChannel[] channels;
    private final ByteBuffer[] buffers;
    private final boolean[] upgraded;
    private final long[] lastSequence;
    private final Selector selector;
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
    private volatile Phase phase = new Phase(0, 0, null);

    public WebSocketClients(String host, int port, String[] paths) throws IOException {
        this.host = host;
        this.port = port;
        this.hostHeader = host + ":" + port;
        this.paths = paths;
        this.n = paths.length;
        this.channels = new SocketChannel[n];
        this.buffers = new ByteBuffer[n];
        this.upgraded = new boolean[n];
        this.lastSequence = new long[n];
        this.selector = Selector.open();
    }

    /** Connects every client, at most {@code parallel} handshakes in flight; the reader thread runs from then on. */
    public void connectAll(int parallel) throws Exception {
        Thread reader = new Thread(this::readLoop, "websocket-clients");
        reader.setDaemon(true);
        reader.start();
        int next = 0;
        while (handshakes.get() + failures.get() < n) {
            while (next < n && next - handshakes.get() - failures.get() < parallel) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress(host, port));
                channels[next] = channel;
                buffers[next] = ByteBuffer.allocate(8192);
                pending.add(next);
                next++;
            }
            selector.wakeup();
            Thread.sleep(2);
        }
        if (failures.get() > 0) {
            System.out.printf("WARNING: %d of %d clients could not connect%n", failures.get(), n);
        }
    }

    public int open() {
        int open = 0;
        for (int i = 0; i < n; i++) {
            if (upgraded[i] && channels[i].isOpen()) {
                open++;
            }
        }
        return open;
    }

    /** A new phase expecting {@code messages} messages in all; every client's series starts again at 0. */
    public Phase startPhase(int messages, Sequencer sequencer) {
        Arrays.fill(lastSequence, -1);
        phase = new Phase(messages, phase.number + 1, sequencer);
        return phase;
    }

    /** Waits until every message of the phase arrived (or the timeout), then a little longer for late duplicates. */
    public Phase awaitPhase(int seconds) throws InterruptedException {
        Phase current = phase;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (current.received < current.expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        return current;
    }

    private void readLoop() {
        try {
            while (true) {
                Integer client;
                while ((client = pending.poll()) != null) {
                    channels[client].register(selector, SelectionKey.OP_CONNECT, client);
                }
                selector.select(10);
                for (SelectionKey key : selector.selectedKeys()) {
                    int i = (Integer) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            finishConnect(key, i);
                        } else if (key.isReadable()) {
                            read(i);
                        }
                    } catch (IOException e) {
                        key.cancel();
                        channels[i].close();
                        if (!upgraded[i]) {
                            System.out.println("client " + i + " failed: " + e.getMessage());
                            failures.incrementAndGet();
                        } else {
                            phase.closed++;
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void finishConnect(SelectionKey key, int i) throws IOException {
        SocketChannel channel = channels[i];
        channel.finishConnect();
        String request = "GET " + paths[i] + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        key.interestOps(SelectionKey.OP_READ);
    }

    private void read(int i) throws IOException {
        ByteBuffer buffer = buffers[i];
        int read = channels[i].read(buffer);
        if (read < 0) {
            throw new IOException("closed by the server");
        }
        buffer.flip();
        if (!upgraded[i]) {
            String head = StandardCharsets.US_ASCII.decode(buffer.duplicate()).toString();
            int end = head.indexOf("\r\n\r\n");
            if (end < 0) {
                buffer.compact();
                return;
            }
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
            }
            buffer.position(end + 4);
            upgraded[i] = true;
            handshakes.incrementAndGet();
        }
        while (buffer.remaining() >= 2) {
            int start = buffer.position();
            int opcode = buffer.get(start) & 0x0f;
            int length = buffer.get(start + 1) & 0x7f;
            int header = 2;
            if (length == 126) {
                if (buffer.remaining() < 4) {
                    break;
                }
                length = buffer.getShort(start + 2) & 0xffff;
                header = 4;
            } else if (length == 127) {
                throw new IOException("frame too large");
            }
            if (buffer.remaining() < header + length) {
                break;
            }
            if (opcode == 1) {
                frame(i, buffer, start + header, length);
            } else if (opcode == 8) {
                throw new IOException("close frame from the server");
            }
            buffer.position(start + header + length);
        }
        buffer.compact();
    }

    private void frame(int i, ByteBuffer buffer, int from, int length) {
        long now = System.nanoTime();
        Phase current = phase;
        if (current.sequencer == null) {
            return;
        }
        long sequence = current.sequencer.sequenceOf(i, buffer, from, length);
        if (sequence < 0) {
            return;
        }
        if (sequence <= lastSequence[i]) {
            current.duplicates++;
            return;
        }
        if (sequence != lastSequence[i] + 1) {
            current.gaps++;
        }
        lastSequence[i] = sequence;
        long sent = current.sequencer.sentAt(i, sequence);
        if (current.received < current.latencies.length && sent > 0) {
            current.latencies[current.received] = now - sent;
        }
        current.received++;
        current.lastReceipt = now;
    }

    /** Finds {@code needle} in the frame; the index after it, or -1. */
    public static int after(ByteBuffer buffer, int from, int to, byte[] needle) {
        outer: for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer.get(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i + needle.length;
        }
        return -1;
    }

    /** One phase's counts, written by the reader thread only. */
    public static final class Phase {
        public final int expected;
        public final int number;
        final Sequencer sequencer;
        final long[] latencies;
        public volatile int received;
        public volatile int duplicates;
        public volatile int gaps;
        public volatile int closed;
        public volatile long lastReceipt;

        Phase(int expected, int number, Sequencer sequencer) {
            this.expected = expected;
            this.number = number;
            this.sequencer = sequencer;
            this.latencies = new long[expected];
        }

        /** The p-th percentile of the latencies, in milliseconds (100: the maximum). */
        public double percentile(double p) {
            long[] sorted = Arrays.copyOf(latencies, Math.min(received, latencies.length));
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
