package io.switchboard.notification.callback;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;

/**
 * The clients connected to this replica, indexed by what they follow (a callback's confirmation code, or a tenant's
 * service queue), so that an event reaches its subscribers without a scan of every connection. Each followed key also
 * keeps its last events, so that a client reconnecting with the last event id it saw gets what it missed.
 */
@ApplicationScoped
public class CallbackSubscriptions {

    /** One followed key: its recent events (oldest first) and its subscribers. Guarded by its own monitor. */
    private static final class Topic {
        final Deque<CallbackStatusMessage> history = new ArrayDeque<>();
        final Set<CallbackSubscriber> followers = ConcurrentHashMap.newKeySet();
    }

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Queue<String> topicsByAge = new ConcurrentLinkedQueue<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Map<String, Boolean> recentEventIds;
    private final int historyPerTopic;
    private final int historyTopics;

    public CallbackSubscriptions(MeterRegistry registry,
            @ConfigProperty(name = "switchboard.notification.dedupe-window") int dedupeWindow,
            @ConfigProperty(name = "switchboard.notification.history-per-callback") int historyPerTopic,
            @ConfigProperty(name = "switchboard.notification.history-callbacks") int historyTopics) {
        this.historyPerTopic = historyPerTopic;
        this.historyTopics = historyTopics;
        this.recentEventIds = Collections.synchronizedMap(new LinkedHashMap<>(dedupeWindow, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > dedupeWindow;
            }
        });
        Gauge.builder("switchboard.notification.live.subscribers", subscribers, AtomicInteger::get)
                .description("Clients (JSON WebSocket or SignalR hub) following a callback or queue on this replica")
                .register(registry);
    }

    public static String callbackKey(String confirmationCode) {
        return "callback:" + confirmationCode;
    }

    public static String queueKey(String tenantId, long serviceQueue) {
        return "queue:" + tenantId + ":" + serviceQueue;
    }

    public void subscribe(String confirmationCode, CallbackSubscriber subscriber) {
        follow(callbackKey(confirmationCode), subscriber, null);
    }

    /**
     * Adds a subscriber to a key. With the last event id a client saw, the events after it are delivered first (all the
     * kept ones when that id is no longer kept), before any new one.
     */
    public void follow(String key, CallbackSubscriber subscriber, String lastEventId) {
        Topic topic = topic(key);
        synchronized (topic) {
            if (lastEventId != null && !lastEventId.isBlank()) {
                missedAfter(topic, lastEventId).forEach(subscriber::deliver);
            }
            if (topic.followers.add(subscriber)) {
                subscribers.incrementAndGet();
            }
        }
    }

    public void unsubscribe(String confirmationCode, CallbackSubscriber subscriber) {
        leave(callbackKey(confirmationCode), subscriber);
    }

    public void leave(String key, CallbackSubscriber subscriber) {
        Topic topic = topics.get(key);
        if (topic != null && topic.followers.remove(subscriber)) {
            subscribers.decrementAndGet();
        }
    }

    /** Hands the message to every client of this replica that follows its callback or queue; duplicates are dropped. */
    public void deliver(CallbackStatusMessage message) {
        if (recentEventIds.putIfAbsent(message.eventId(), Boolean.TRUE) != null) {
            return;
        }
        publish(callbackKey(message.confirmationCode()), message);
        if (message.tenantId() != null && message.serviceQueue() != null) {
            publish(queueKey(message.tenantId(), message.serviceQueue()), message);
        }
    }

    private void publish(String key, CallbackStatusMessage message) {
        Topic topic = topic(key);
        synchronized (topic) {
            topic.history.addLast(message);
            while (topic.history.size() > historyPerTopic) {
                topic.history.removeFirst();
            }
            for (CallbackSubscriber subscriber : topic.followers) {
                try {
                    subscriber.deliver(message);
                } catch (RuntimeException e) {
                    Log.debugf("Could not deliver %s to a subscriber: %s", message.eventId(), e.toString());
                }
            }
        }
    }

    private static List<CallbackStatusMessage> missedAfter(Topic topic, String lastEventId) {
        List<CallbackStatusMessage> kept = List.copyOf(topic.history);
        for (int i = kept.size() - 1; i >= 0; i--) {
            if (kept.get(i).eventId().equals(lastEventId)) {
                return kept.subList(i + 1, kept.size());
            }
        }
        return kept;
    }

    /** The topic of a key; the oldest topics nobody follows are forgotten beyond the configured number. */
    private Topic topic(String key) {
        Topic existing = topics.get(key);
        if (existing != null) {
            return existing;
        }
        Topic topic = topics.computeIfAbsent(key, k -> {
            topicsByAge.add(k);
            return new Topic();
        });
        int excess = topics.size() - historyTopics;
        for (Iterator<String> oldest = topicsByAge.iterator(); excess > 0 && oldest.hasNext();) {
            String candidate = oldest.next();
            Topic old = topics.get(candidate);
            if (old == null || old.followers.isEmpty() && !candidate.equals(key)) {
                topics.remove(candidate, old);
                oldest.remove();
                excess--;
            }
        }
        return topic;
    }
}
