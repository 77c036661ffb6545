package io.switchboard.notification.callback;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * The clients connected to this replica, indexed by the confirmation code they follow, so that an event reaches its
 * subscribers without a scan of every connection.
 */
@ApplicationScoped
public class CallbackSubscriptions {

    private final Map<String, Set<CallbackSubscriber>> byConfirmationCode = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Map<String, Boolean> recentEventIds;

    public CallbackSubscriptions(MeterRegistry registry,
            @ConfigProperty(name = "switchboard.notification.dedupe-window") int dedupeWindow) {
        this.recentEventIds = Collections.synchronizedMap(new LinkedHashMap<>(dedupeWindow, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > dedupeWindow;
            }
        });
        Gauge.builder("switchboard.notification.live.subscribers", subscribers, AtomicInteger::get)
                .description("Clients (JSON WebSocket or SignalR hub) following a callback on this replica").register(registry);
    }

    public void subscribe(String confirmationCode, CallbackSubscriber subscriber) {
        if (byConfirmationCode.computeIfAbsent(confirmationCode, code -> ConcurrentHashMap.newKeySet())
                .add(subscriber)) {
            subscribers.incrementAndGet();
        }
    }

    public void unsubscribe(String confirmationCode, CallbackSubscriber subscriber) {
        byConfirmationCode.computeIfPresent(confirmationCode, (code, followers) -> {
            if (followers.remove(subscriber)) {
                subscribers.decrementAndGet();
            }
            return followers.isEmpty() ? null : followers;
        });
    }

    /** Hands the message to every client of this replica that follows its callback; duplicates are dropped. */
    public void deliver(CallbackStatusMessage message) {
        if (recentEventIds.putIfAbsent(message.eventId(), Boolean.TRUE) != null) {
            return;
        }
        Set<CallbackSubscriber> followers = byConfirmationCode.get(message.confirmationCode());
        if (followers == null) {
            return;
        }
        for (CallbackSubscriber subscriber : followers) {
            try {
                subscriber.deliver(message);
            } catch (RuntimeException e) {
                Log.debugf("Could not deliver %s to a subscriber: %s", message.eventId(), e.toString());
            }
        }
    }
}
