package io.switchboard.notification.signalr;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.logging.Log;
import io.switchboard.notification.NotificationConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The server side of the ASP.NET SignalR 2 protocol (what the jQuery client {@code jquery.signalR} 2.x speaks) for the
 * legacy hub: {@code negotiate}, {@code connect}, {@code reconnect}, {@code poll}, {@code start}, {@code send},
 * {@code abort} and {@code ping} under {@code /signalr}, with the webSockets, serverSentEvents and longPolling
 * transports. Everything runs on the event loop: no request blocks.
 */
@ApplicationScoped
public class SignalRRoutes {

    private static final String JSON_TYPE = "application/json; charset=UTF-8";
    private static final String WEB_SOCKETS = "webSockets";
    private static final String SERVER_SENT_EVENTS = "serverSentEvents";
    private static final String LONG_POLLING = "longPolling";
    /** Protocol versions of the jQuery clients 2.x: 1.2 (2.0) up to 2.1 (2.3 and later). */
    private static final double OLDEST_PROTOCOL = 1.2;
    private static final double NEWEST_PROTOCOL = 2.1;

    private final NotificationConfig.SignalR config;
    private final HubConnections connections;
    private final NotifyMeHub hub;
    private final ObjectMapper mapper;

    public SignalRRoutes(NotificationConfig notificationConfig, HubConnections connections, NotifyMeHub hub,
            ObjectMapper mapper) {
        this.config = notificationConfig.signalr();
        this.connections = connections;
        this.hub = hub;
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        String base = config.path();
        router.route(base + "/*").handler(this::crossOrigin);
        router.post(base + "/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
        router.route(base + "/:action").handler(this::dispatch);
    }

    /** Echoes an allowed Origin with credentials allowed (the jQuery client sends cookies cross-origin), never *. */
    private void crossOrigin(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            if (!allowed(origin, request)) {
                text(ctx, 403, "The origin " + origin + " may not use this hub.");
                return;
            }
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Credentials", "true").putHeader(HttpHeaders.VARY, "Origin");
        }
        if (request.method() == HttpMethod.OPTIONS) {
            String requested = request.getHeader("Access-Control-Request-Headers");
            if (requested != null) {
                response.putHeader("Access-Control-Allow-Headers", requested);
            }
            response.putHeader("Access-Control-Allow-Methods", "GET, POST").putHeader("Access-Control-Max-Age", "600")
                    .setStatusCode(204).end();
            return;
        }
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").putHeader("Pragma", "no-cache")
                .putHeader(HttpHeaders.EXPIRES, "-1");
        ctx.next();
    }

    private boolean allowed(String origin, HttpServerRequest request) {
        String normalized = normalizedOrigin(origin);
        if (normalized.equals(normalizedOrigin(request.scheme() + "://" + request.authority()))) {
            return true;
        }
        for (String entry : config.allowedOrigins().orElse(List.of())) {
            String allowed = normalizedOrigin(entry);
            boolean anyPort = allowed.endsWith(":*")
                    && normalized.startsWith(allowed.substring(0, allowed.length() - 1))
                    && normalized.substring(allowed.length() - 1).matches("\\d+");
            if (allowed.equals("*") || allowed.equals(normalized) || anyPort) {
                return true;
            }
        }
        return false;
    }

    private static String normalizedOrigin(String origin) {
        return origin.trim().toLowerCase(Locale.ROOT).replaceAll("/+$", "");
    }

    private void dispatch(RoutingContext ctx) {
        String action = ctx.pathParam("action");
        try {
            switch (action) {
                case "negotiate" -> negotiate(ctx);
                case "ping" -> json(ctx, mapper.createObjectNode().put("Response", "pong"));
                case "connect", "reconnect", "poll" -> transport(ctx, action);
                case "start" -> {
                    HubConnection connection = connectionOf(ctx);
                    if (connection != null && transportOf(ctx) != null) {
                        json(ctx, mapper.createObjectNode().put("Response", "started"));
                    }
                }
                case "send" -> send(ctx);
                case "abort" -> {
                    String connectionId = connectionIdOf(ctx);
                    if (connectionId != null) {
                        connections.close(connectionId);
                        ctx.response().end();
                    }
                }
                default -> text(ctx, 404, "Unknown SignalR request: " + action);
            }
        } catch (RuntimeException e) {
            Log.warnf("SignalR %s failed: %s", action, e.toString());
            if (!ctx.response().ended()) {
                text(ctx, 500, "The hub could not handle the request.");
            }
        }
    }

    private void negotiate(RoutingContext ctx) {
        if (!hubsAreKnown(ctx)) {
            return;
        }
        HubConnection connection = connections.open();
        ObjectNode body = mapper.createObjectNode().put("Url", config.path()).put("ConnectionToken", connection.id)
                .put("ConnectionId", connection.id).put("KeepAliveTimeout", config.keepAlive().toMillis() * 2 / 1000.0)
                .put("DisconnectTimeout", config.disconnectTimeout().toMillis() / 1000.0)
                .put("ConnectionTimeout", config.connectionTimeout().toMillis() / 1000.0).put("TryWebSockets", true)
                .put("ProtocolVersion", protocolVersion(ctx.request().getParam("clientProtocol")))
                .put("TransportConnectTimeout", 5.0).put("LongPollDelay", 0.0);
        json(ctx, body);
    }

    /** The client's own protocol version within the supported range, as the ASP.NET server answers it. */
    private static String protocolVersion(String requested) {
        try {
            double version = Double.parseDouble(requested);
            if (version < OLDEST_PROTOCOL) {
                return Double.toString(OLDEST_PROTOCOL);
            }
            return version > NEWEST_PROTOCOL ? Double.toString(NEWEST_PROTOCOL) : requested;
        } catch (NullPointerException | NumberFormatException e) {
            return Double.toString(OLDEST_PROTOCOL);
        }
    }

    private void transport(RoutingContext ctx, String action) {
        String transport = transportOf(ctx);
        if (transport == null || !hubsAreKnown(ctx)) {
            return;
        }
        HubConnection connection = connectionOf(ctx);
        if (connection == null) {
            return;
        }
        boolean connect = "connect".equals(action);
        String cursor = ctx.request().getParam("messageId");
        switch (transport) {
            case WEB_SOCKETS -> webSocket(ctx, connection, connect, cursor);
            case SERVER_SENT_EVENTS -> {
                HttpServerResponse response = ctx.response().setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE,
                        "text/event-stream");
                response.write("data: initialized\n\n");
                attach(connection, response, new HubTransport.ServerSentEvents(response), connect, cursor);
            }
            default -> {
                if (!connect && !"poll".equals(action) && !"reconnect".equals(action)) {
                    text(ctx, 400, "Protocol error: Unknown transport.");
                    return;
                }
                attach(connection, ctx.response(), new HubTransport.LongPolling(ctx.response()), connect, cursor);
            }
        }
    }

    private void webSocket(RoutingContext ctx, HubConnection connection, boolean connect, String cursor) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            text(ctx, 400, "Not a valid websocket request.");
            return;
        }
        request.toWebSocket().onSuccess(socket -> {
            HubTransport transport = new HubTransport.WebSockets(socket);
            socket.textMessageHandler(text -> socket.writeTextMessage(invoke(connection, text).response().toString()));
            socket.closeHandler(closed -> connection.detach(transport, System.currentTimeMillis()));
            if (connect) {
                connection.connect(transport, System.currentTimeMillis());
            } else {
                connection.resume(transport, cursor, System.currentTimeMillis());
            }
        }).onFailure(failure -> Log.debugf("SignalR WebSocket upgrade failed: %s", failure.toString()));
    }

    private static void attach(HubConnection connection, HttpServerResponse response, HubTransport transport,
            boolean connect, String cursor) {
        response.closeHandler(closed -> connection.detach(transport, System.currentTimeMillis()));
        if (connect) {
            connection.connect(transport, System.currentTimeMillis());
        } else {
            connection.resume(transport, cursor, System.currentTimeMillis());
        }
    }

    private void send(RoutingContext ctx) {
        if (transportOf(ctx) == null) {
            return;
        }
        HubConnection connection = connectionOf(ctx);
        if (connection == null) {
            return;
        }
        String data = ctx.request().getParam("data");
        if (data == null) {
            text(ctx, 400, "The send request carries no data.");
            return;
        }
        NotifyMeHub.Answer answer = invoke(connection, data);
        // A malformed invocation is the client's fault: 400 with the hub's own error shape, never a server error.
        ctx.response().setStatusCode(answer.malformed() ? 400 : 200).putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE)
                .end(answer.response().toString());
    }

    private NotifyMeHub.Answer invoke(HubConnection connection, String invocation) {
        JsonNode parsed;
        try {
            parsed = mapper.readTree(invocation);
        } catch (Exception e) {
            return NotifyMeHub.malformed("0", "The hub invocation is not JSON.");
        }
        return hub.invoke(connection, parsed);
    }

    private String transportOf(RoutingContext ctx) {
        String transport = ctx.request().getParam("transport");
        if (WEB_SOCKETS.equals(transport) || SERVER_SENT_EVENTS.equals(transport) || LONG_POLLING.equals(transport)) {
            return transport;
        }
        text(ctx, 400, "Protocol error: Unknown transport.");
        return null;
    }

    private String connectionIdOf(RoutingContext ctx) {
        String token = ctx.request().getParam("connectionToken");
        try {
            return UUID.fromString(token == null ? "" : token.trim()).toString();
        } catch (IllegalArgumentException e) {
            text(ctx, 400, "The connection id is in the incorrect format.");
            return null;
        }
    }

    private HubConnection connectionOf(RoutingContext ctx) {
        String connectionId = connectionIdOf(ctx);
        return connectionId == null ? null : connections.obtain(connectionId, ctx.request().getParam("groupsToken"));
    }

    /** connectionData lists the hubs the client uses: {@code [{"name":"notifyme"}]}. */
    private boolean hubsAreKnown(RoutingContext ctx) {
        String connectionData = ctx.request().getParam("connectionData");
        if (connectionData == null || connectionData.isBlank()) {
            return true;
        }
        try {
            for (JsonNode hubName : mapper.readTree(connectionData)) {
                if (!NotifyMeHub.isNamed(hubName.path("name").asText())) {
                    text(ctx, 400, "'" + hubName.path("name").asText() + "' Hub could not be resolved.");
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            text(ctx, 400, "The connection data is not a JSON list of hubs.");
            return false;
        }
    }

    private static void json(RoutingContext ctx, ObjectNode body) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON_TYPE).end(body.toString());
    }

    private static void text(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .end(message);
    }
}
