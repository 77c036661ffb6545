package io.switchboard.notification.signalr;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the SignalR-compatible hub that serves the legacy jQuery snippet. */
@ConfigMapping(prefix = "switchboard.notification.signalr")
public interface SignalRConfig {

    /** Where the hub listens; the jQuery client appends {@code /signalr} to the hub URL by default. */
    @WithDefault("/signalr")
    String path();

    /**
     * Origins (scheme://host[:port]) of the customers' web pages allowed to call the hub cross-origin. The hub echoes
     * an allowed origin with credentials allowed, never {@code *}. The single entry {@code *} allows every origin (the
     * local demo profile only); an entry ending in {@code :*} allows any port of that host. Pages served from the hub's
     * own origin need no entry.
     */
    Optional<List<String>> allowedOrigins();

    /** Idle time after which a keep-alive frame is sent on the WebSocket and Server-Sent Events transports. */
    @WithDefault("10s")
    Duration keepAlive();

    /**
     * How long a connection without a transport is kept, its messages buffered, waiting for the client to reconnect.
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
