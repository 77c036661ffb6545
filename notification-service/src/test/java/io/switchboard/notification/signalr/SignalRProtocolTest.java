package io.switchboard.notification.signalr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.notification.EventPublisher;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TextFrames;

/** The ASP.NET SignalR 2 wire protocol as jquery.signalR 2.x speaks it, transport by transport. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class SignalRProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONNECTION_DATA = "[{\"name\":\"notifyme\"}]";

    @TestHTTPResource("/signalr")
    URI hub;

    @Inject
    HubConnections connections;

    @Test
    void shouldNegotiateWhatTheJQueryClientExpects() {
        given().queryParam("clientProtocol", "2.1").queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/negotiate").then().statusCode(200).contentType(ContentType.JSON)
                .body("Url", equalTo("/signalr"))
                .body("ConnectionId", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body("ConnectionToken", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body("KeepAliveTimeout", equalTo(20.0f)).body("DisconnectTimeout", equalTo(30.0f))
                .body("ConnectionTimeout", equalTo(110.0f)).body("TryWebSockets", equalTo(true))
                .body("ProtocolVersion", equalTo("2.1")).body("TransportConnectTimeout", equalTo(5.0f))
                .body("LongPollDelay", equalTo(0.0f));
        // The 2.1.2 client of the seed's snippet requires its own version back.
        given().queryParam("clientProtocol", "1.4").queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/negotiate").then().statusCode(200).body("ProtocolVersion", equalTo("1.4"));
        given().queryParam("clientProtocol", "2.1").queryParam("connectionData", "[{\"name\":\"chat\"}]")
                .get("/signalr/negotiate").then().statusCode(400).body(equalTo("'chat' Hub could not be resolved."));
        given().get("/signalr/ping").then().statusCode(200).body("Response", equalTo("pong"));
        given().queryParam("transport", "carrierPigeon").queryParam("connectionToken", negotiate())
                .get("/signalr/start").then().statusCode(400).body(equalTo("Protocol error: Unknown transport."));
        given().queryParam("transport", "longPolling").queryParam("connectionToken", "forged").get("/signalr/start")
                .then().statusCode(400).body(equalTo("The connection id is in the incorrect format."));
    }

    @Test
    void shouldAnswerAllowedOriginsWithCredentialsAndRefuseOthers() {
        given().header("Origin", "http://localhost:5555").queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/negotiate").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:5555")
                .header("Access-Control-Allow-Credentials", "true").header("Vary", "Origin");
        given().header("Origin", "http://localhost:5555").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").options("/signalr/send").then()
                .statusCode(204).header("Access-Control-Allow-Origin", "http://localhost:5555")
                .header("Access-Control-Allow-Credentials", "true").header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", "content-type");
        given().header("Origin", "http://evil.example").queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/negotiate").then().statusCode(403).header("Access-Control-Allow-Origin", nullValue())
                .body(equalTo("The origin http://evil.example may not use this hub."));
    }

    @Test
    void shouldCallTheClientOverWebSocketsAndResumeAfterTheServerDropsTheSocket() throws Exception {
        String token = negotiate();
        String code = EventPublisher.newCode();
        TextFrames socket = TextFrames.connect(transportUri("connect", "webSockets", token, null, null, true));
        try (EventPublisher events = new EventPublisher()) {
            JsonNode init = JSON.readTree(socket.nextMessage());
            assertThat(init.path("S").asInt()).isEqualTo(1);
            assertThat(init.path("C").asText()).isEqualTo("0");
            assertThat(init.path("M").size()).isZero();
            start(token, "webSockets");

            socket.send(subscribe(code, 0));
            assertThat(JSON.readTree(socket.nextMessage())).isEqualTo(JSON.readTree("{\"I\":\"0\"}"));

            events.requested(code);
            events.statusChanged(code, "CallingUser", "IN_PROGRESS");
            JsonNode calling = JSON.readTree(socket.nextMessage());
            assertThat(calling.path("C").asText()).as("Requested is not a legacy status").isEqualTo("1");
            assertThat(calling.path("M")).containsExactly(updateStatus(code, "CallingUser"));
            String groupsToken = calling.path("G").asText();
            assertThat(groupsToken).isNotEmpty();

            assertThat(connections.dropTransports()).isOne();
            assertThat(socket.closedByServer.get(10, TimeUnit.SECONDS)).isNotNull();
            events.statusChanged(code, "UserConnected", "IN_PROGRESS");
            events.statusChanged(code, "CallSucceeded", "SUCCEEDED");
            // Both statuses and closeConnection wait in the connection's buffer while the client is away.
            await().atMost(Duration.ofSeconds(20)).until(() -> connections.find(token).orElseThrow().cursor() == 4);

            TextFrames resumed = TextFrames
                    .connect(transportUri("reconnect", "webSockets", token, "1", groupsToken, true));
            try {
                JsonNode missed = JSON.readTree(resumed.nextMessage());
                assertThat(missed.path("C").asText()).isEqualTo("4");
                assertThat(missed.path("S").isMissingNode()).isTrue();
                assertThat(missed.path("M")).containsExactly(updateStatus(code, "UserConnected"),
                        updateStatus(code, "CallSucceeded"), closeConnection());
            } finally {
                resumed.close();
            }
        } finally {
            socket.close();
        }
    }

    @Test
    void shouldRestoreSubscriptionsFromTheGroupsTokenOnAReplicaThatDoesNotKnowTheConnection() throws Exception {
        String unknownConnection = java.util.UUID.randomUUID().toString();
        String code = EventPublisher.newCode();
        String groupsToken = HubConnection.groupsToken(unknownConnection, List.of(code));
        TextFrames socket = TextFrames
                .connect(transportUri("reconnect", "webSockets", unknownConnection, "7", groupsToken, true));
        try (EventPublisher events = new EventPublisher()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> connections.find(unknownConnection).isPresent());
            events.statusChanged(code, "CallingAgent", "IN_PROGRESS");
            JsonNode frame = JSON.readTree(socket.nextMessage());
            assertThat(frame.path("C").asText()).as("cursors keep increasing past the client's").isEqualTo("8");
            assertThat(frame.path("M")).containsExactly(updateStatus(code, "CallingAgent"));
        } finally {
            socket.close();
        }
    }

    @Test
    void shouldStreamServerSentEventsAndTakeInvocationsBySend() throws Exception {
        String token = negotiate();
        String code = EventPublisher.newCode();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient()
                .sendAsync(HttpRequest.newBuilder(transportUri("connect", "serverSentEvents", token, null, null, false))
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(response -> {
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            response.body().filter(line -> !line.isEmpty()).forEach(lines::add);
        });
        try (EventPublisher events = new EventPublisher()) {
            assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo("data: initialized");
            assertThat(JSON.readTree(data(lines))).isEqualTo(JSON.readTree("{\"C\":\"0\",\"S\":1,\"M\":[]}"));
            start(token, "serverSentEvents");
            send(token, "serverSentEvents", subscribe(code, 3)).then().statusCode(200).body("I", equalTo("3")).body("E",
                    nullValue());

            events.statusChanged(code, "CallingUser", "IN_PROGRESS");
            events.statusChanged(code, "CallingUserFailed", "PENDING");
            events.statusChanged(code, "Rescheduled", "PENDING");
            List<JsonNode> received = new ArrayList<>();
            while (received.size() < 3) {
                String frame = data(lines);
                if (!frame.equals("{}")) {
                    received.addAll(iterable(JSON.readTree(frame).path("M")));
                }
            }
            assertThat(received).containsExactly(updateStatus(code, "CallingUser"),
                    updateStatus(code, "CallingUserFailed"), updateStatus(code, "Rescheduled"));

            given().queryParam("transport", "serverSentEvents").queryParam("connectionToken", token)
                    .post("/signalr/abort").then().statusCode(200);
            assertThat(connections.find(token)).isEmpty();
        } finally {
            stream.cancel(true);
        }
    }

    @Test
    void shouldAnswerLongPollsWithWhatFollowsTheirCursor() throws Exception {
        String token = negotiate();
        String code = EventPublisher.newCode();
        try (EventPublisher events = new EventPublisher()) {
            longPoll("connect", token, null).then().statusCode(200).body("C", equalTo("0")).body("S", equalTo(1))
                    .body("M.size()", equalTo(0));
            start(token, "longPolling");
            send(token, "longPolling", "{\"H\":\"notifyme\",\"M\":\"Unsubscribe\",\"A\":[],\"I\":1}").then()
                    .statusCode(200).body("I", equalTo("1"))
                    .body("E", equalTo("'Unsubscribe' method could not be resolved on hub 'NotifyMe'."));
            send(token, "longPolling", subscribe(code, 2)).then().statusCode(200).body("I", equalTo("2"));

            events.statusChanged(code, "CallingUser", "IN_PROGRESS");
            JsonNode first = JSON.readTree(longPoll("poll", token, "0").asString());
            assertThat(first.path("C").asText()).isEqualTo("1");
            assertThat(first.path("M")).containsExactly(updateStatus(code, "CallingUser"));

            // Nothing new: the poll is held until the next status arrives.
            CompletableFuture<String> held = CompletableFuture
                    .supplyAsync(() -> longPoll("poll", token, "1").asString());
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(300)).until(() -> !held.isDone());
            events.statusChanged(code, "CallFailed", "FAILED");
            JsonNode last = JSON.readTree(held.get(20, TimeUnit.SECONDS));
            assertThat(last.path("C").asText()).isEqualTo("3");
            assertThat(last.path("M")).containsExactly(updateStatus(code, "CallFailed"), closeConnection());

            // A reconnect with an old cursor gets everything after it from the buffer.
            JsonNode replay = JSON.readTree(longPoll("reconnect", token, "0").asString());
            assertThat(replay.path("M")).containsExactly(updateStatus(code, "CallingUser"),
                    updateStatus(code, "CallFailed"), closeConnection());
        }
    }

    @Test
    void shouldRefuseMalformedInvocationsWith400InTheHubsOwnErrorShape() throws Exception {
        String token = negotiate();
        longPoll("connect", token, null).then().statusCode(200);
        Map<String, String> malformed = new LinkedHashMap<>();
        malformed.put("{\"H\":\"notifyme\",\"M\":\"Subscribe\",\"A\":{\"code\":\"AB12CD\"},\"I\":5}",
                "The arguments A must be an array.");
        malformed.put("{\"H\":\"notifyme\",\"M\":\"Subscribe\",\"A\":\"AB12CD\",\"I\":5}",
                "The arguments A must be an array.");
        malformed.put("{\"H\":\"notifyme\",\"M\":\"Subscribe\",\"A\":[{\"code\":\"AB12CD\"}],\"I\":5}",
                "Subscribe takes a confirmation code (a string).");
        malformed.put("{\"H\":\"notifyme\",\"M\":\"Subscribe\",\"A\":[[\"AB12CD\"]],\"I\":5}",
                "Subscribe takes a confirmation code (a string).");
        malformed.put("{\"H\":\"notifyme\",\"M\":\"Subscribe\",\"A\":[null],\"I\":5}",
                "Subscribe takes a confirmation code (a string).");
        malformed.put("{\"H\":[\"notifyme\"],\"M\":\"Subscribe\",\"A\":[\"AB12CD\"],\"I\":5}",
                "The hub H and the method M must be strings.");
        malformed.put("{\"H\":\"notifyme\",\"M\":{},\"A\":[\"AB12CD\"],\"I\":5}",
                "The hub H and the method M must be strings.");
        for (Map.Entry<String, String> invocation : malformed.entrySet()) {
            send(token, "longPolling", invocation.getKey()).then().statusCode(400).contentType(ContentType.JSON)
                    .body("I", equalTo("5")).body("E", equalTo(invocation.getValue()));
        }
        send(token, "longPolling", "{\"H\":\"notifyme\",\"M\":\"Subscribe\",\"A\":[\"AB12CD\"],\"I\":{}}").then()
                .statusCode(400).body("I", equalTo("0"))
                .body("E", equalTo("The invocation id I must be a string or a number."));
        for (String notAnInvocation : List.of("[\"notifyme\",\"Subscribe\"]", "42", "\"Subscribe\"", "null")) {
            send(token, "longPolling", notAnInvocation).then().statusCode(400).body("I", equalTo("0")).body("E",
                    equalTo("The hub invocation is not a JSON object."));
        }
        send(token, "longPolling", "{\"H\":\"notifyme\",").then().statusCode(400).body("I", equalTo("0")).body("E",
                equalTo("The hub invocation is not JSON."));
        // Nested deeper than Jackson reads, and larger than a form field may be (2 KB): refused before or by the hub,
        // never a server error.
        send(token, "longPolling", "[".repeat(1001) + "]".repeat(1001)).then().statusCode(400);
        send(token, "longPolling", "{\"H\":\"" + "x".repeat(5000) + "\"}").then().statusCode(400);

        // The connection is unharmed: a well-formed Subscribe still works and its statuses arrive.
        String code = EventPublisher.newCode();
        send(token, "longPolling", subscribe(code, 6)).then().statusCode(200).body("I", equalTo("6")).body("E",
                nullValue());
        try (EventPublisher events = new EventPublisher()) {
            events.statusChanged(code, "CallingUser", "IN_PROGRESS");
            JsonNode frame = JSON.readTree(longPoll("poll", token, "0").asString());
            assertThat(frame.path("M")).containsExactly(updateStatus(code, "CallingUser"));
        }
    }

    private String negotiate() {
        return given().queryParam("clientProtocol", "2.1").queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/negotiate").then().statusCode(200).extract().path("ConnectionToken");
    }

    private void start(String token, String transport) {
        given().queryParam("transport", transport).queryParam("clientProtocol", "2.1")
                .queryParam("connectionToken", token).queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/start").then().statusCode(200).body("Response", equalTo("started"));
    }

    private io.restassured.response.Response send(String token, String transport, String invocation) {
        return given().queryParam("transport", transport).queryParam("clientProtocol", "2.1")
                .queryParam("connectionToken", token).queryParam("connectionData", CONNECTION_DATA)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("data", invocation)
                .post("/signalr/send");
    }

    private io.restassured.response.Response longPoll(String action, String token, String messageId) {
        var request = given().queryParam("transport", "longPolling").queryParam("clientProtocol", "2.1")
                .queryParam("connectionToken", token).queryParam("connectionData", CONNECTION_DATA)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8");
        if (messageId != null) {
            request.formParam("messageId", messageId);
        }
        return request.post("/signalr/" + action);
    }

    private URI transportUri(String action, String transport, String token, String messageId, String groupsToken,
            boolean webSocket) {
        StringBuilder uri = new StringBuilder(hub.toString()).append('/').append(action).append("?transport=")
                .append(transport).append("&clientProtocol=2.1&connectionToken=").append(encode(token))
                .append("&connectionData=").append(encode(CONNECTION_DATA)).append("&tid=4");
        if (messageId != null) {
            uri.append("&messageId=").append(encode(messageId));
        }
        if (groupsToken != null) {
            uri.append("&groupsToken=").append(encode(groupsToken));
        }
        String text = uri.toString();
        return URI.create(webSocket ? text.replaceFirst("^http", "ws") : text);
    }

    private static String data(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(20, TimeUnit.SECONDS);
        assertThat(line).as("an event within 20 s").startsWith("data: ");
        return line.substring("data: ".length());
    }

    private static String subscribe(String code, int invocationId) {
        return "{\"H\":\"notifyme\",\"M\":\"Subscribe\",\"A\":[\"" + code + "\"],\"I\":" + invocationId + "}";
    }

    private static JsonNode updateStatus(String code, String status) throws Exception {
        return JSON.readTree("{\"H\":\"NotifyMe\",\"M\":\"updateStatus\",\"A\":[\"" + code + "\",\"" + status + "\"]}");
    }

    private static JsonNode closeConnection() throws Exception {
        return JSON.readTree("{\"H\":\"NotifyMe\",\"M\":\"closeConnection\",\"A\":[]}");
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
