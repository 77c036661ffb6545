package io.switchboard.notification.callback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The clients connected to this replica, indexed by the confirmation code they follow, so that an event reaches its
 * subscribers without a scan of every connection.
 */
@ApplicationScoped
public class CallbackSubscriptions {

    private final Map<String, Set<WebSocketConnection>> byConfirmationCode = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Map<String, Boolean> recentEventIds;
    private final ObjectMapper mapper;

    public CallbackSubscriptions(ObjectMapper mapper, MeterRegistry registry,
            @ConfigProperty(name = "switchboard.notification.dedupe-window") int dedupeWindow) {
        this.mapper = mapper;
        this.recentEventIds = Collections.synchronizedMap(new LinkedHashMap<>(dedupeWindow, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > dedupeWindow;
            }
        });
        Gauge.builder("switchboard.notification.live.subscribers", subscribers, AtomicInteger::get)
                .description("WebSocket clients following a callback on this replica").register(registry);
    }

    public void subscribe(String confirmationCode, WebSocketConnection connection) {
        if (byConfirmationCode.computeIfAbsent(confirmationCode, code -> ConcurrentHashMap.newKeySet())
                .add(connection)) {
            subscribers.incrementAndGet();
        }
    }

    public void unsubscribe(String confirmationCode, WebSocketConnection connection) {
        byConfirmationCode.computeIfPresent(confirmationCode, (code, connections) -> {
            if (connections.remove(connection)) {
                subscribers.decrementAndGet();
            }
            return connections.isEmpty() ? null : connections;
        });
    }

    /** Sends the message to every client of this replica that follows its callback; duplicates are dropped. */
    public void deliver(CallbackStatusMessage message) {
        if (recentEventIds.putIfAbsent(message.eventId(), Boolean.TRUE) != null) {
            return;
        }
        Set<WebSocketConnection> connections = byConfirmationCode.get(message.confirmationCode());
        if (connections == null || connections.isEmpty()) {
            return;
        }
        String frame;
        try {
            frame = mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A status message could not be written as JSON", e);
        }
        for (WebSocketConnection connection : connections) {
            connection.sendText(frame).subscribe().with(ignored -> {
            }, failure -> Log.debugf("Could not deliver to %s: %s", connection.id(), failure.toString()));
        }
    }
}
