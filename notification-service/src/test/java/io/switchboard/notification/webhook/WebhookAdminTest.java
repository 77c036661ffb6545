package io.switchboard.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class WebhookAdminTest {

    private static final String PROBLEM = "application/problem+json";

    private static String admin(String tenant) {
        return "Bearer " + TestTokens.token(tenant, "switchboard.admin");
    }

    private static String tenant() {
        return "8" + (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000);
    }

    @Test
    void registersListsAndDeletesTheTenantsWebhooks() {
        String tenant = tenant();
        String id = given().header("Authorization", admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example.com/switchboard", "eventTypes",
                        List.of("switchboard.callback.status-changed")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/webhooks/[0-9a-f-]{36}"))
                .body("url", equalTo("https://hooks.example.com/switchboard"))
                .body("eventTypes", equalTo(List.of("switchboard.callback.status-changed")))
                .body("createdAt", notNullValue()).body("secret", matchesPattern("whsec_[0-9a-f]{64}")).extract()
                .path("id");

        given().header("Authorization", admin(tenant)).get("/api/v1/webhooks").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].id", equalTo(id))
                .body("[0].url", equalTo("https://hooks.example.com/switchboard"))
                .body("[0].eventTypes", equalTo(List.of("switchboard.callback.status-changed")))
                .body("[0].secret", nullValue());
        // Another tenant neither sees nor deletes it.
        String other = tenant();
        given().header("Authorization", admin(other)).get("/api/v1/webhooks").then().statusCode(200).body("$", empty());
        given().header("Authorization", admin(other)).delete("/api/v1/webhooks/" + id).then().statusCode(404)
                .contentType(PROBLEM);

        given().header("Authorization", admin(tenant)).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        given().header("Authorization", admin(tenant)).get("/api/v1/webhooks").then().body("$", empty());
        given().header("Authorization", admin(tenant)).delete("/api/v1/webhooks/" + id).then().statusCode(404)
                .contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    void rejectsUrlsThatAreNotAbsoluteHttp() {
        for (String url : List.of("ftp://example.com/hook", "/relative/hook", "not a url", "https://", "")) {
            given().header("Authorization", admin(tenant())).contentType(ContentType.JSON).body(Map.of("url", url))
                    .post("/api/v1/webhooks").then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400))
                    .body("detail",
                            equalTo(url.isEmpty() ? "url is required." : "url must be an absolute http or https URL."));
        }
        given().header("Authorization", admin(tenant())).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/webhooks").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("url is required."));
    }

    @Test
    void needsAnAdminToken() {
        String body = "{\"url\":\"https://hooks.example.com/x\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then().statusCode(401);
        given().get("/api/v1/webhooks").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.expired("1", "switchboard.admin"))
                .get("/api/v1/webhooks").then().statusCode(401);
        given().header("Authorization", "Bearer " + TestTokens.signedByStranger("1", "switchboard.admin"))
                .get("/api/v1/webhooks/dead-letters").then().statusCode(401);
        String notAdmin = "Bearer " + TestTokens.token("1", "switchboard.dashboard");
        given().header("Authorization", notAdmin).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks")
                .then().statusCode(403);
        given().header("Authorization", notAdmin).get("/api/v1/webhooks/dead-letters").then().statusCode(403);
        given().header("Authorization", notAdmin).post("/api/v1/webhooks/dead-letters/replay").then().statusCode(403);
    }

    @Test
    void answers404ForAnUnknownDeadLetter() {
        given().header("Authorization", admin(tenant()))
                .post("/api/v1/webhooks/dead-letters/" + UUID.randomUUID() + "/replay").then().statusCode(404)
                .contentType(PROBLEM);
        given().header("Authorization", admin(tenant())).post("/api/v1/webhooks/dead-letters/nope/replay").then()
                .statusCode(404).contentType(PROBLEM);
    }
}
