package io.switchboard.notification.signalr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.switchboard.notification.NotificationConfig;

/**
 * One SignalR connection (from negotiate to abort or expiry): the callbacks it follows, the messages sent to it
 * numbered by a cursor and kept in a bounded buffer so that a reconnect or the next long poll resumes after the last
 * cursor the client saw, and the transport it currently writes to (none between a drop and the reconnect).
 */
final class HubConnection {

    /** One hub message (a client-method call as JSON text, shared by every connection the event reaches). */
    private record Buffered(long messageId, String message) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    final String id;
    private final int bufferSize;
    private final Deque<Buffered> buffer = new ArrayDeque<>();
    private final Set<String> confirmationCodes = new LinkedHashSet<>();
    private String groupsToken;
    private long lastMessageId;
    private HubTransport transport;
    private long transportSince;
    private long lastWriteAt;
    private long idleSince;

    HubConnection(String id, int bufferSize, long now) {
        this.id = id;
        this.bufferSize = bufferSize;
        this.idleSince = now;
    }

    /**
     * Queues hub messages for the client and writes them at once (in one frame) when a transport is attached. A
     * streaming transport whose client does not read fast enough is dropped instead of written to: the client
     * reconnects with its cursor and gets the messages from the buffer.
     */
    synchronized void push(long now, String... hubMessages) {
        List<Buffered> added = new ArrayList<>(hubMessages.length);
        for (String hubMessage : hubMessages) {
            Buffered buffered = new Buffered(++lastMessageId, hubMessage);
            buffer.addLast(buffered);
            added.add(buffered);
        }
        while (buffer.size() > bufferSize) {
            buffer.removeFirst();
        }
        if (transport != null) {
            if (transport.congested()) {
                dropTransport(now);
            } else {
                write(added, false, now);
            }
        }
    }

    /** The first request of the transport: the client waits for the init message ({@code S}). */
    synchronized void connect(HubTransport newTransport, long now) {
        attach(newTransport, now);
        write(List.of(), true, now);
    }

    /**
     * A reconnect or a poll: sends what the client missed after its cursor. A long poll with nothing to send is held
     * until a message arrives or the connection timeout passes.
     */
    synchronized void resume(HubTransport newTransport, String cursor, long now) {
        long after = parseCursor(cursor);
        if (after > lastMessageId) {
            // A cursor of an earlier life of this connection (another replica, a restart): keep ids increasing.
            lastMessageId = after;
        }
        attach(newTransport, now);
        List<Buffered> missed = buffer.stream().filter(b -> b.messageId() > after).toList();
        if (!missed.isEmpty()) {
            write(missed, false, now);
        }
    }

    synchronized void detach(HubTransport closed, long now) {
        if (transport == closed) {
            transport = null;
            idleSince = now;
        }
    }

    /** Drops the current transport; the client reconnects with its cursor. */
    synchronized boolean dropTransport(long now) {
        if (transport == null) {
            return false;
        }
        HubTransport dropped = transport;
        transport = null;
        idleSince = now;
        if (dropped.answersOnce()) {
            // A closed poll is retried silently by browsers; "T" tells the client to reconnect, as ASP.NET does.
            dropped.write(frame(List.of(), false, true));
        } else {
            dropped.drop();
        }
        return true;
    }

    /**
     * Sends keep-alives, answers long polls that waited too long, and tells whether the client has been gone longer
     * than the disconnect timeout.
     */
    synchronized boolean tickExpired(long now, NotificationConfig.SignalR config) {
        if (transport == null) {
            return now - idleSince > config.disconnectTimeout().toMillis();
        }
        if (transport.answersOnce()) {
            if (now - transportSince >= config.connectionTimeout().toMillis()) {
                write(List.of(), false, now);
            }
        } else if (now - lastWriteAt >= config.keepAlive().toMillis()) {
            transport.keepAlive();
            lastWriteAt = now;
        }
        return false;
    }

    /** The id of the last message queued for the client. */
    synchronized long cursor() {
        return lastMessageId;
    }

    synchronized boolean follow(String confirmationCode) {
        boolean added = confirmationCodes.add(confirmationCode);
        if (added) {
            groupsToken = groupsToken(id, confirmationCodes);
        }
        return added;
    }

    synchronized List<String> followed() {
        return List.copyOf(confirmationCodes);
    }

    /** Closes the transport for good (abort or expiry). */
    synchronized void close() {
        release();
    }

    private void attach(HubTransport newTransport, long now) {
        if (transport != null && transport != newTransport) {
            // A client has one transport at a time: a new poll or reconnect replaces the old request.
            release();
        }
        transport = newTransport;
        transportSince = now;
        lastWriteAt = now;
    }

    /** Ends the current transport: a held poll is answered with nothing new, a socket or stream is closed. */
    private void release() {
        HubTransport released = transport;
        transport = null;
        if (released == null) {
            return;
        }
        if (released.answersOnce()) {
            released.write(frame(List.of(), false, false));
        } else {
            released.drop();
        }
    }

    private void write(List<Buffered> messages, boolean initialize, long now) {
        transport.write(frame(messages, initialize, false));
        lastWriteAt = now;
        if (transport.answersOnce()) {
            transport = null;
            idleSince = now;
        }
    }

    /**
     * A persistent response: {@code C} cursor, {@code S} init, {@code G} groups token, {@code M} messages ({@code T}
     * asks a long-polling client to reconnect). Assembled as text around the messages' shared JSON.
     */
    private String frame(List<Buffered> messages, boolean initialize, boolean reconnect) {
        long cursor = messages.isEmpty() ? lastMessageId : messages.get(messages.size() - 1).messageId();
        StringBuilder frame = new StringBuilder(
                64 + (groupsToken == null ? 0 : groupsToken.length()) + messages.size() * 96);
        frame.append("{\"C\":\"").append(cursor).append('"');
        if (initialize) {
            frame.append(",\"S\":1");
        }
        if (reconnect) {
            frame.append(",\"T\":1");
        }
        if (groupsToken != null) {
            // base64url: nothing to escape
            frame.append(",\"G\":\"").append(groupsToken).append('"');
        }
        frame.append(",\"M\":[");
        for (int i = 0; i < messages.size(); i++) {
            if (i > 0) {
                frame.append(',');
            }
            frame.append(messages.get(i).message());
        }
        return frame.append("]}").toString();
    }

    private static long parseCursor(String cursor) {
        try {
            return cursor == null || cursor.isBlank() ? 0 : Math.max(0, Long.parseLong(cursor.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The groups token names the connection and the callbacks it follows, so that a reconnect reaching a replica that
     * does not know the connection (restart, another replica) restores its subscriptions. It is not signed: the
     * confirmation codes in it are the same credential a client passes to {@code Subscribe}.
     */
    static String groupsToken(String connectionId, Iterable<String> confirmationCodes) {
        ArrayNode token = JSON.arrayNode().add(connectionId);
        confirmationCodes.forEach(token::add);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(token.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The confirmation codes of a groups token issued to this connection; empty when it is absent or not its own. */
    static List<String> followedIn(String groupsToken, String connectionId,
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        List<String> codes = new ArrayList<>();
        if (groupsToken == null || groupsToken.isBlank()) {
            return codes;
        }
        try {
            JsonNode token = mapper.readTree(Base64.getUrlDecoder().decode(groupsToken.trim()));
            if (token.isArray() && token.size() > 0 && connectionId.equals(token.get(0).asText())) {
                for (int i = 1; i < token.size(); i++) {
                    codes.add(token.get(i).asText());
                }
            }
        } catch (Exception e) {
            codes.clear();
        }
        return codes;
    }
}
