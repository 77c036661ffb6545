package io.switchboard.notification;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of notification-service, under {@code switchboard.notification}. */
@ConfigMapping(prefix = "switchboard.notification")
public interface NotificationConfig {

    /** Event ids remembered per replica to drop the duplicates the at-least-once relay may deliver. */
    @WithDefault("10000")
    int dedupeWindow();

    /**
     * Events kept per callback and per queue, so that a client reconnecting with {@code lastEventId} gets them (a
     * call's whole progress is at most ten statuses).
     */
    @WithDefault("10")
    int historyPerCallback();

    /**
     * Callbacks and queues whose events are kept; beyond it the oldest keys nobody follows are forgotten. With the
     * default 10 events each, at most 100,000 events (about 40 MB of heap) are kept.
     */
    @WithDefault("10000")
    int historyCallbacks();

    /**
     * How long a client resuming with a {@code lastEventId} this replica has not handled yet waits for it (the replica
     * it came from was ahead of this one) before it gets the kept events as for an id no longer kept.
     */
    @WithDefault("3s")
    Duration resumeWait();

    /** The JSON WebSockets and the delivery path they share with the SignalR hub. */
    Live live();

    /** The SignalR-compatible hub of the legacy snippet. */
    SignalR signalr();

    /** Tenant webhooks. */
    Webhooks webhooks();

    interface Live {

        /**
         * Socket send buffer (SO_SNDBUF, bytes) of every accepted connection; 0 leaves it to the operating system.
         * Tests make it small so that a client that stops reading is noticed quickly.
         */
        @WithDefault("0")
        int socketSendBuffer();

        /**
         * Frames queued for the event loops (all sockets together) beyond which the consumer waits before reading its
         * next batch: the backlog then stays in Kafka, not in the heap.
         */
        @WithDefault("20000")
        int maxPendingFrames();
    }

    interface SignalR {

        /** Where the hub listens; the jQuery client appends {@code /signalr} to the hub URL by default. */
        @WithDefault("/signalr")
        String path();

        /**
         * Origins (scheme://host[:port]) of the customers' web pages allowed to call the hub cross-origin. The hub
         * echoes an allowed origin with credentials allowed, never {@code *}. The single entry {@code *} allows every
         * origin (the local demo profile only); an entry ending in {@code :*} allows any port of that host. Pages
         * served from the hub's own origin need no entry.
         */
        Optional<List<String>> allowedOrigins();

        /** Idle time after which a keep-alive frame is sent on the WebSocket and Server-Sent Events transports. */
        @WithDefault("10s")
        Duration keepAlive();

        /**
         * How long a connection without a transport is kept, its messages buffered, waiting for the client to
         * reconnect.
         */
        @WithDefault("30s")
        Duration disconnectTimeout();

        /** How long a long poll is held open when there is nothing to send. */
        @WithDefault("110s")
        Duration connectionTimeout();

        /** Messages kept per connection so that a reconnect resumes from its cursor; older ones are dropped. */
        @WithDefault("100")
        int messageBufferSize();
    }

    interface Webhooks {

        /** Attempts before a delivery is parked as a dead letter. */
        @WithDefault("8")
        int maxAttempts();

        /** Delay before the first retry; each further retry waits twice as long. */
        @WithDefault("1s")
        Duration backoffBase();

        /** How long a receiver may take to answer one POST. */
        @WithDefault("10s")
        Duration timeout();

        /** How often each replica looks for due deliveries (new events also wake the replica that recorded them). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries one replica claims at a time; a full batch is followed at once by the next. */
        @WithDefault("20")
        int batchSize();

        /**
         * Address ranges (CIDR, e.g. {@code 10.20.0.0/16}, {@code 127.0.0.1/32}) a webhook may reach although they are
         * loopback, link-local, private or multicast, which are refused otherwise. Empty: none.
         */
        Optional<List<String>> allowedRanges();

        /**
         * The AES-256 key (base64 of 32 bytes) that encrypts the signing secrets at rest (AES-GCM). In production it
         * comes from a Kubernetes Secret ({@code SWITCHBOARD_NOTIFICATION_WEBHOOKS_ENCRYPTION_KEY}); only the dev, test
         * and local profiles have a fixed key. Required, without a default on purpose: without it the service does not
         * start.
         */
        String encryptionKey();
    }
}
