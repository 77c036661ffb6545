package io.switchboard.notification.callback;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A WebSocket client that reads only when told to: a customer's browser tab that stopped reading (frozen, on a dead
 * network). Its receive buffer is small, so the server's frames back up quickly.
 */
final class RawClient implements AutoCloseable {

    record Close(int code, String reason) {
    }

    private final Socket socket;
    private final DataInputStream in;

    RawClient(int port, String path) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        // Generous: on a loaded machine the replica may take a while to reach the burst (earlier classes' events
        // first).
        socket.setSoTimeout(60_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        in = new DataInputStream(socket.getInputStream());
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!line(in).isEmpty()) {
            // headers
        }
    }

    /** Reads text frames into {@code texts} until the server's close frame, and answers it. */
    Close readUntilClose(List<String> texts) throws IOException {
        while (true) {
            int first = in.readUnsignedByte();
            int opcode = first & 0x0f;
            long length = in.readUnsignedByte() & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (opcode == 1) {
                texts.add(new String(payload, StandardCharsets.UTF_8));
            } else if (opcode == 8) {
                int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                return new Close(code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed during the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
