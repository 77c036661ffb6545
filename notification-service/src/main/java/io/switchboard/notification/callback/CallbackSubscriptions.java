package io.switchboard.notification.callback;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
import io.vertx.core.Vertx;

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
    private final long resumeWaitMillis;
    private final Vertx vertx;
    private final Counter deliveries;

    public CallbackSubscriptions(MeterRegistry registry, NotificationConfig config, Vertx vertx) {
        this.historyPerTopic = config.historyPerCallback();
        this.historyTopics = config.historyCallbacks();
        this.resumeWaitMillis = Math.max(1, config.resumeWait().toMillis());
        this.vertx = vertx;
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
            for (CallbackSubscriber existing : topic.followers) {
                if (client(existing).equals(subscriber)) {
                    return true;
                }
            }
            CallbackSubscriber follower = subscriber;
            if (lastEventId != null && !lastEventId.isBlank()) {
                List<LiveEvent> kept = topic.history == null ? List.of() : List.copyOf(topic.history);
                int last = indexOf(kept, lastEventId);
                if (last >= 0) {
                    kept.subList(last + 1, kept.size()).forEach(subscriber::deliver);
                } else if (recentEventIds.containsKey(lastEventId)) {
                    kept.forEach(subscriber::deliver); // seen here, no longer kept: everything kept is newer
                } else {
                    // Not seen here yet: this replica is behind the one the client came from, and everything it keeps
                    // the client has already seen. Wait for that event rather than show old statuses again.
                    CatchingUp catchingUp = new CatchingUp(subscriber, lastEventId, kept);
                    vertx.setTimer(resumeWaitMillis, timer -> catchingUp.giveUp());
                    follower = catchingUp;
                }
            }
            CallbackSubscriber[] grown = Arrays.copyOf(topic.followers, topic.followers.length + 1);
            grown[grown.length - 1] = follower;
            topic.followers = grown;
            subscribers.incrementAndGet();
            return true;
        }
    }

    /**
     * A client that resumed after an event this replica had not handled yet: it gets nothing until that event passes
     * here, then every event after it. When the event does not come within {@code resume-wait}, or more than
     * {@code history-per-callback} further events come first (the id is older than this replica's memory, e.g. it
     * started after the event), the client gets what was kept when it came and everything since, as for an id no longer
     * kept.
     */
    private final class CatchingUp implements CallbackSubscriber {

        final CallbackSubscriber client;
        private final String lastEventId;
        /** The events kept when the client came, then those since; null once caught up or given up. */
        private List<LiveEvent> held;
        private int heldSince;

        CatchingUp(CallbackSubscriber client, String lastEventId, List<LiveEvent> kept) {
            this.client = client;
            this.lastEventId = lastEventId;
            this.held = new ArrayList<>(kept);
        }

        @Override
        public synchronized void deliver(LiveEvent event) {
            if (held == null) {
                client.deliver(event);
            } else if (event.eventId().equals(lastEventId)) {
                held = null; // everything held came before it: the client has seen it all
            } else {
                held.add(event);
                if (++heldSince > historyPerTopic) {
                    giveUp();
                }
            }
        }

        synchronized void giveUp() {
            if (held != null) {
                List<LiveEvent> events = held;
                held = null;
                try {
                    events.forEach(client::deliver);
                } catch (RuntimeException e) {
                    Log.debugf("Could not deliver to a resuming subscriber: %s", e.toString());
                }
            }
        }
    }

    /** The client behind a follower (the follower itself unless it is catching up). */
    private static CallbackSubscriber client(CallbackSubscriber follower) {
        return follower instanceof CatchingUp catchingUp ? catchingUp.client : follower;
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
                if (client(followers[i]).equals(subscriber)) {
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
        if (recentEventIds.containsKey(event.eventId())) {
            return;
        }
        publish(callbackKey(event.confirmationCode()), event);
        if (event.tenantId() != null && event.serviceQueue() != null) {
            publish(queueKey(event.tenantId(), event.serviceQueue()), event);
        }
        // Remembered once published (one consumer thread calls this): an id known here is in its keys' history unless
        // it has been pushed out of it, which is how a resuming client's id is told apart from one not handled yet.
        recentEventIds.put(event.eventId(), Boolean.TRUE);
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

    private static int indexOf(List<LiveEvent> kept, String eventId) {
        for (int i = kept.size() - 1; i >= 0; i--) {
            if (kept.get(i).eventId().equals(eventId)) {
                return i;
            }
        }
        return -1;
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
