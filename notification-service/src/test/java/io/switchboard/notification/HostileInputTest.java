package io.switchboard.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * Webhook administration and the SignalR hub, sent what a hostile client would: bodies of every wrong shape, NUL
 * characters, over-long strings, duplicate keys, trailing garbage, hub invocations whose arguments have the wrong
 * shape. Each is a 4xx (problem JSON with a type on the modern API, the hub's own shape on SignalR), never a 5xx, and
 * the service still answers a normal request afterwards.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class HostileInputTest {

    private static final String NUL = "\\u0000";
    private static final String CONNECTION_DATA = "[{\"name\":\"notifyme\"}]";

    private final List<String> failures = new ArrayList<>();

    private static String shortly(Response r) {
        String body = r.asString();
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private void refused(String what, Response r) {
        String type = r.contentType().startsWith("application/problem+json") ? r.jsonPath().getString("type") : null;
        if (r.statusCode() < 400 || r.statusCode() >= 500 || type == null) {
            failures.add(what + " -> " + r.statusCode() + " " + r.contentType() + " " + shortly(r));
        }
    }

    private void noServerError(String what, Response r) {
        if (r.statusCode() >= 500) {
            failures.add(what + " -> " + r.statusCode() + " " + shortly(r));
        }
    }

    @Test
    void shouldRefuseHostileWebhookRegistrationsWithProblems() {
        String tenant = "8" + (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000);
        String token = TestTokens.token(tenant, "switchboard.admin");
        for (String body : List.of("", "null", "[]", "\"x\"", "42", "{}", "{\"url\": 42}",
                "{\"url\": [\"https://a.b\"]}", "{\"url\": {}}", "{\"url\": \"https://hooks.example.com/" + NUL + "\"}",
                "{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": \"switchboard.callback.status-changed\"}",
                "{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": [42, {}]}",
                "{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": [\"a" + NUL + "\"]}",
                "{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": [\"" + "e".repeat(10_000) + "\"]}",
                "{\"url\": \"https://hooks.example.com/x\", \"url\": \"https://hooks.example.com/y\"}",
                "{\"url\": \"https://hooks.example.com/x\"} trailing", "{\"url\": \"https://hooks.example.com/x\"} {}",
                "{\"url\": \"https://" + "h".repeat(3000) + ".com/\"}", "{\"url\": \"ftp://hooks.example.com/\"}",
                "{\"url\": \"https://user:pw@hooks.example.com/\"}", "{\"url\": \"https://[::1]/\"}",
                "{\"url\": \"https://169.254.169.254/latest\"}", "{\"url\": \"https://%00/\"}",
                "{\"url\": \"https:///nohost\"}")) {
            refused("create " + (body.length() > 80 ? body.substring(0, 80) : body),
                    given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks"));
        }
        StringBuilder many = new StringBuilder("{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": [");
        for (int i = 0; i < 5000; i++) {
            many.append(i == 0 ? "" : ",").append("\"switchboard.e").append(i).append('"');
        }
        refused("create 5000 event types", given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(many.append("]}").toString()).post("/api/v1/webhooks"));
        refused("create text/plain",
                given().auth().oauth2(token).contentType(ContentType.TEXT).body("url=x").post("/api/v1/webhooks"));
        refused("delete NUL", given().urlEncodingEnabled(false).auth().oauth2(token).delete("/api/v1/webhooks/%00"));
        refused("delete junk", given().auth().oauth2(token).delete("/api/v1/webhooks/not-a-uuid"));
        refused("replay NUL", given().urlEncodingEnabled(false).auth().oauth2(token)
                .post("/api/v1/webhooks/dead-letters/%00/replay"));
        refused("unknown path", given().auth().oauth2(token).get("/api/v1/webhooks/x/y/z"));
        refused("wrong method", given().auth().oauth2(token).put("/api/v1/webhooks"));

        assertThat(failures).isEmpty();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(
                "{\"url\": \"https://hooks.example.com/ok\", \"eventTypes\": [\"switchboard.callback.status-changed\"]}")
                .post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void shouldAnswerHubInvocationsOfTheWrongShapeWith400() {
        String token = given().queryParam("clientProtocol", "2.1").queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/negotiate").then().statusCode(200).extract().path("ConnectionToken");
        given().queryParam("transport", "longPolling").queryParam("clientProtocol", "2.1")
                .queryParam("connectionToken", token).queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/start").then().statusCode(200);
        for (String data : List.of("", "null", "[]", "42", "\"x\"", "{}", "{\"H\": 1, \"M\": 2}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": \"CODE\", \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [{}], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [[1, 2]], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [null], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [1e400], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [99999999999999999999999], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [\"C" + "\u0000" + "\"], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [\"CODE\"], \"I\": {}}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [\"CODE\"], \"I\": 1e400}",
                "{\"H\": \"notifyme\", \"H\": \"other\", \"M\": \"Subscribe\", \"A\": [\"CODE\"]}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [\"CODE\"]} trailing",
                "{\"H\": \"notifyme\", \"M\": \"" + "S".repeat(100_000) + "\", \"A\": [\"CODE\"]}")) {
            Response r = given().queryParam("transport", "longPolling").queryParam("clientProtocol", "2.1")
                    .queryParam("connectionToken", token).queryParam("connectionData", CONNECTION_DATA)
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("data", data)
                    .post("/signalr/send");
            noServerError("send " + (data.length() > 80 ? data.substring(0, 80) : data), r);
        }
        noServerError("send without data", given().queryParam("transport", "longPolling")
                .queryParam("connectionToken", token).post("/signalr/send"));
        noServerError("send NUL token", given().queryParam("transport", "longPolling")
                .queryParam("connectionToken", "\u0000").formParam("data", "{}").post("/signalr/send"));
        noServerError("negotiate bad data",
                given().queryParam("connectionData", "[{\"name\": 1}, 2, \"\u0000\"]").get("/signalr/negotiate"));
        noServerError("negotiate object data",
                given().queryParam("connectionData", "{\"name\": \"notifyme\"}").get("/signalr/negotiate"));
        assertThat(failures).isEmpty();
        given().get("/signalr/ping").then().statusCode(200);
    }
}
