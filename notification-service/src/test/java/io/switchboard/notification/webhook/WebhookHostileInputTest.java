package io.switchboard.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.notification.HostileAnswers;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * Webhook administration sent what a hostile client would (issue 12): bodies of every wrong shape, NUL characters,
 * over-long strings, duplicate keys, trailing garbage. Each is a 4xx problem document with a type, never a 5xx, and the
 * service still answers a normal request afterwards.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class WebhookHostileInputTest {

    private static final String NUL = "\\u0000";
    private static final String CONNECTION_DATA = "[{\"name\":\"notifyme\"}]";

    private final HostileAnswers answers = new HostileAnswers();

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
            answers.refused("create " + (body.length() > 80 ? body.substring(0, 80) : body),
                    given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks"));
        }
        StringBuilder many = new StringBuilder("{\"url\": \"https://hooks.example.com/x\", \"eventTypes\": [");
        for (int i = 0; i < 5000; i++) {
            many.append(i == 0 ? "" : ",").append("\"switchboard.e").append(i).append('"');
        }
        answers.refused("create 5000 event types", given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(many.append("]}").toString()).post("/api/v1/webhooks"));
        answers.refused("create text/plain",
                given().auth().oauth2(token).contentType(ContentType.TEXT).body("url=x").post("/api/v1/webhooks"));
        answers.refused("delete NUL",
                given().urlEncodingEnabled(false).auth().oauth2(token).delete("/api/v1/webhooks/%00"));
        answers.refused("delete junk", given().auth().oauth2(token).delete("/api/v1/webhooks/not-a-uuid"));
        answers.refused("replay NUL", given().urlEncodingEnabled(false).auth().oauth2(token)
                .post("/api/v1/webhooks/dead-letters/%00/replay"));
        answers.refused("unknown path", given().auth().oauth2(token).get("/api/v1/webhooks/x/y/z"));
        answers.refused("wrong method", given().auth().oauth2(token).put("/api/v1/webhooks"));

        assertThat(answers.failures()).isEmpty();
        String created = given().auth().oauth2(token).contentType(ContentType.JSON).body(
                "{\"url\": \"https://hooks.example.com/ok\", \"eventTypes\": [\"switchboard.callback.status-changed\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        // Leave the service as found: a webhook wanting status events changes how later tests' bursts are handled.
        given().auth().oauth2(token).delete("/api/v1/webhooks/" + created).then().statusCode(204);
    }

}
