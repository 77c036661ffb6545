package io.switchboard.notification.signalr;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.notification.NotificationConfig;
import io.vertx.core.Vertx;

/**
 * The SignalR connections of this replica, with the once-a-second sweep for keep-alives, long-poll timeouts and expiry.
 */
@ApplicationScoped
public class HubConnections {

    private final Map<String, HubConnection> byId = new ConcurrentHashMap<>();
    private final NotificationConfig.SignalR config;
    private final NotifyMeHub hub;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private long sweepTimer = -1;

    public HubConnections(NotificationConfig notificationConfig, NotifyMeHub hub, ObjectMapper mapper, Vertx vertx,
            MeterRegistry registry) {
        this.config = notificationConfig.signalr();
        this.hub = hub;
        this.mapper = mapper;
        this.vertx = vertx;
        Gauge.builder("switchboard.notification.signalr.connections", byId, Map::size)
                .description("SignalR connections open on this replica").register(registry);
    }

    void startSweeping(@Observes StartupEvent started) {
        sweepTimer = vertx.setPeriodic(1000, ignored -> sweep());
    }

    void stopSweeping(@Observes ShutdownEvent stopping) {
        vertx.cancelTimer(sweepTimer);
    }

    /** Negotiate: a new connection id, which is also the connection token. */
    HubConnection open() {
        String id = UUID.randomUUID().toString();
        HubConnection connection = new HubConnection(id, config.messageBufferSize(), System.currentTimeMillis());
        byId.put(id, connection);
        return connection;
    }

    Optional<HubConnection> find(String connectionId) {
        return Optional.ofNullable(byId.get(connectionId));
    }

    /**
     * The connection a request names; one this replica does not know (it expired, the replica restarted, or the client
     * reached another replica) is taken up again with the subscriptions of its groups token.
     */
    HubConnection obtain(String connectionId, String groupsToken) {
        HubConnection known = byId.get(connectionId);
        if (known != null) {
            return known;
        }
        HubConnection revived = byId.computeIfAbsent(connectionId,
                id -> new HubConnection(id, config.messageBufferSize(), System.currentTimeMillis()));
        HubConnection.followedIn(groupsToken, connectionId, mapper).forEach(code -> hub.follow(revived, code));
        return revived;
    }

    /** Abort: the client stopped. */
    void close(String connectionId) {
        HubConnection connection = byId.remove(connectionId);
        if (connection != null) {
            hub.release(connection);
            connection.close();
        }
    }

    /**
     * Drops every transport of this replica as a network failure or a restarting proxy would; clients reconnect and
     * resume from their cursor. Used by the reconnect tests. Returns how many were dropped (a long-polling client
     * between two polls has none).
     */
    public int dropTransports() {
        long now = System.currentTimeMillis();
        return (int) byId.values().stream().filter(connection -> connection.dropTransport(now)).count();
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        byId.forEach((id, connection) -> {
            if (connection.tickExpired(now, config)) {
                close(id);
            }
        });
    }
}
