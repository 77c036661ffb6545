package io.switchboard.notification.callback;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.switchboard.notification.NotificationConfig;

/**
 * The clients connected to this replica, indexed by what they follow (a callback's confirmation code, or a tenant's
 * service queue), so that an event reaches its subscribers without a scan of every connection. Each followed key also
 * keeps its last events, so that a client reconnecting with the last event id it saw gets what it missed.
 */
@ApplicationScoped
public class CallbackSubscriptions {

    private static final CallbackSubscriber[] NONE = new CallbackSubscriber[0];

    /**
     * One followed key: its recent events (oldest first, made on the first event) and its subscribers (an array
     * replaced on change: a key has one follower or a few). Guarded by its own monitor.
     */
    private static final class Topic {
        ArrayDeque<LiveEvent> history;
        CallbackSubscriber[] followers = NONE;
        /** Set (under the monitor) when the key was forgotten: whoever holds this topic must look the key up again. */
        boolean forgotten;
    }

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final Queue<String> topicsByAge = new ConcurrentLinkedQueue<>();
    private final AtomicInteger subscribers = new AtomicInteger();
    private final Map<String, Boolean> recentEventIds;
    private final int historyPerTopic;
    private final int historyTopics;
    private final Counter deliveries;

    public CallbackSubscriptions(MeterRegistry registry, NotificationConfig config) {
        this.historyPerTopic = config.historyPerCallback();
        this.historyTopics = config.historyCallbacks();
        int dedupeWindow = config.dedupeWindow();
        this.recentEventIds = Collections.synchronizedMap(new LinkedHashMap<>(dedupeWindow, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > dedupeWindow;
            }
        });
        Gauge.builder("switchboard.notification.live.subscribers", subscribers, AtomicInteger::get)
                .description("Clients (JSON WebSocket or SignalR hub) following a callback or queue on this replica")
                .register(registry);
        deliveries = Counter.builder("switchboard.notification.live.deliveries")
                .description("Events handed to a subscriber on this replica (one per event and subscriber)")
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
        while (!tryFollow(topic(key), subscriber, lastEventId)) {
            // the key was forgotten between the lookup and the lock: look it up again
        }
    }

    private boolean tryFollow(Topic topic, CallbackSubscriber subscriber, String lastEventId) {
        synchronized (topic) {
            if (topic.forgotten) {
                return false;
            }
            if (lastEventId != null && !lastEventId.isBlank() && topic.history != null) {
                missedAfter(topic.history, lastEventId).forEach(subscriber::deliver);
            }
            for (CallbackSubscriber existing : topic.followers) {
                if (existing.equals(subscriber)) {
                    return true;
                }
            }
            CallbackSubscriber[] grown = Arrays.copyOf(topic.followers, topic.followers.length + 1);
            grown[grown.length - 1] = subscriber;
            topic.followers = grown;
            subscribers.incrementAndGet();
            return true;
        }
    }

    public void unsubscribe(String confirmationCode, CallbackSubscriber subscriber) {
        leave(callbackKey(confirmationCode), subscriber);
    }

    public void leave(String key, CallbackSubscriber subscriber) {
        Topic topic = topics.get(key);
        if (topic == null) {
            return;
        }
        synchronized (topic) {
            CallbackSubscriber[] followers = topic.followers;
            for (int i = 0; i < followers.length; i++) {
                if (followers[i].equals(subscriber)) {
                    CallbackSubscriber[] shrunk = new CallbackSubscriber[followers.length - 1];
                    System.arraycopy(followers, 0, shrunk, 0, i);
                    System.arraycopy(followers, i + 1, shrunk, i, followers.length - i - 1);
                    topic.followers = shrunk.length == 0 ? NONE : shrunk;
                    subscribers.decrementAndGet();
                    return;
                }
            }
        }
    }

    /** Hands the event to every client of this replica that follows its callback or queue; duplicates are dropped. */
    public void deliver(LiveEvent event) {
        if (recentEventIds.putIfAbsent(event.eventId(), Boolean.TRUE) != null) {
            return;
        }
        publish(callbackKey(event.confirmationCode()), event);
        if (event.tenantId() != null && event.serviceQueue() != null) {
            publish(queueKey(event.tenantId(), event.serviceQueue()), event);
        }
    }

    private void publish(String key, LiveEvent event) {
        while (!tryPublish(topic(key), event)) {
            // the key was forgotten between the lookup and the lock: look it up again
        }
    }

    private boolean tryPublish(Topic topic, LiveEvent event) {
        synchronized (topic) {
            if (topic.forgotten) {
                return false;
            }
            if (topic.history == null) {
                topic.history = new ArrayDeque<>(Math.min(historyPerTopic, 8));
            }
            topic.history.addLast(event);
            while (topic.history.size() > historyPerTopic) {
                topic.history.removeFirst();
            }
            for (CallbackSubscriber subscriber : topic.followers) {
                try {
                    subscriber.deliver(event);
                    deliveries.increment();
                } catch (RuntimeException e) {
                    Log.debugf("Could not deliver %s to a subscriber: %s", event.eventId(), e.toString());
                }
            }
            return true;
        }
    }

    private static List<LiveEvent> missedAfter(ArrayDeque<LiveEvent> history, String lastEventId) {
        List<LiveEvent> kept = List.copyOf(history);
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
        // Oldest first; a followed key (or the one just made) goes back to the end of the line. A bounded look per call
        // keeps this O(1): with thousands of followed keys the limit is reached over a few calls rather than by a scan.
        for (int budget = 64; excess > 0 && budget > 0; budget--) {
            String candidate = topicsByAge.poll();
            if (candidate == null) {
                break;
            }
            Topic old = topics.get(candidate);
            if (old == null) {
                continue;
            }
            synchronized (old) {
                if (old.followers.length == 0 && !candidate.equals(key)) {
                    old.forgotten = true;
                    topics.remove(candidate, old);
                    excess--;
                    continue;
                }
            }
            topicsByAge.add(candidate);
        }
        return topic;
    }
}
