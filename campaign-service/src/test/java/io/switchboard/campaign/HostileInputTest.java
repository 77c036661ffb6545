package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * What a hostile client sends is refused with a 400 problem naming the field, before it touches state, and nothing it
 * sends can make later requests fail: a year-1 queue event, a campaign or user with the largest id a bigint holds.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class HostileInputTest {

    private static final String TENANT = TestFixtures.newTenant();
    private static final String PROBLEMS = "https://switchboard.io/problems/";

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.ADMIN)).contentType(ContentType.JSON);
    }

    private static ValidatableResponse createCampaign(String body) {
        return admin().body(body).post("/api/v1/campaigns").then();
    }

    private static ValidatableResponse queueEvent(String body) {
        return given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).contentType(ContentType.JSON)
                .body(body).post("/api/v1/queue-events").then();
    }

    private static void badRequest(ValidatableResponse response, String type) {
        response.statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("type", equalTo(PROBLEMS + type)).body("detail", notNullValue());
    }

    @Test
    void shouldRefuseADuplicateKeyAndTrailingGarbageWithProblemJson() {
        badRequest(createCampaign(
                "{\"name\": \"A\", \"name\": \"B\", \"direction\": \"INBOUND\"," + " \"timeZone\": \"Europe/London\"}"),
                "malformed-json");
        badRequest(createCampaign("{\"name\": \"A\", \"direction\": \"INBOUND\", \"timeZone\": \"Europe/London\"} xyz"),
                "malformed-json");
        badRequest(createCampaign("{\"name\": \"A\", \"direction\": \"INBOUND\", \"timeZone\": \"Europe/London\"} {}"),
                "invalid-parameters");
        admin().get("/api/v1/campaigns").then().statusCode(200).body("items.name", not(hasItem("A"))).body("items.name",
                not(hasItem("B")));
    }

    @Test
    void shouldRefuseNulAndOverlongStringsNamingTheField() {
        badRequest(createCampaign(
                "{\"name\": \"Nul\\u0000Campaign\", \"direction\": \"INBOUND\"," + " \"timeZone\": \"Europe/London\"}"),
                "invalid-parameters");
        createCampaign(
                "{\"name\": \"Nul\\u0000Campaign\", \"direction\": \"INBOUND\", \"timeZone\": \"Europe/London\"}")
                        .body("errors[0].field", equalTo("name")).body("errors[0].message", containsString("NUL"));
        createCampaign("{\"name\": \"" + "x".repeat(201) + "\", \"direction\": \"INBOUND\","
                + " \"timeZone\": \"Europe/London\"}").statusCode(400).body("errors[0].field", equalTo("name"));
        admin().body("{\"name\": \"N\", \"email\": \"a\\u0000@example.com\", \"userType\": \"agent\"}")
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("email"));
        queueEvent("{\"eventId\": \"nul\\u0000\", \"type\": \"call-entered-queue\", \"campaignId\": 1,"
                + " \"callId\": \"c\"}").statusCode(400).body("errors[0].field", equalTo("eventId"));
        admin().get("/api/v1/campaigns").then().statusCode(200).body("items.name",
                not(hasItem(containsString("Campaign"))));
    }

    @Test
    void shouldRefuseQueueEventsOutsideTheTimeWindowAndKeepTheQueueWorking() {
        createCampaign(
                "{\"id\": 41, \"name\": \"Window\", \"direction\": \"INBOUND\", \"timeZone\": \"Europe/London\"}")
                        .statusCode(201);
        TestFixtures.serviceQueue(TENANT, 41);
        for (String at : new String[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
                OffsetDateTime.now().minusDays(8).toString(), OffsetDateTime.now().plusDays(1).toString() }) {
            queueEvent("{\"eventId\": \"w-" + at + "\", \"type\": \"call-entered-queue\", \"campaignId\": 41,"
                    + " \"callId\": \"w1\", \"occurredAt\": \"" + at + "\"}").statusCode(400)
                            .contentType("application/problem+json")
                            .body("type", equalTo(PROBLEMS + "invalid-parameters"))
                            .body("errors[0].field", equalTo("occurredAt"));
        }
        queueEvent("{\"eventId\": \"w-now\", \"type\": \"call-entered-queue\", \"campaignId\": 41,"
                + " \"callId\": \"w2\", \"occurredAt\": \"" + OffsetDateTime.now().minusSeconds(30) + "\"}")
                        .statusCode(200).body("callsWaiting", equalTo(1));
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.PLATFORM))
                .get("/platform-api/v3.0/campaigns/41/statistics").then().statusCode(200)
                .body("campaignId", equalTo(41));
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.PLATFORM))
                .get("/platform-api/v3.0/campaigns/41/statistics?period=day").then().statusCode(200);
    }

    @Test
    void shouldRefuseClientIdsOutsideTheirRangeAndStillGenerateTheNextOne() {
        createCampaign("{\"id\": 9223372036854775807, \"name\": \"Max\", \"direction\": \"INBOUND\","
                + " \"timeZone\": \"Europe/London\"}").statusCode(400).contentType("application/problem+json")
                        .body("errors[0].field", equalTo("id"));
        createCampaign("{\"id\": 2147483648, \"name\": \"Max\", \"direction\": \"INBOUND\","
                + " \"timeZone\": \"Europe/London\"}").statusCode(400).body("errors[0].field", equalTo("id"));
        createCampaign("{\"id\": 92233720368547758070, \"name\": \"Max\", \"direction\": \"INBOUND\","
                + " \"timeZone\": \"Europe/London\"}").statusCode(400).contentType("application/problem+json");
        createCampaign("{\"id\": 2147483647, \"name\": \"Top\", \"direction\": \"INBOUND\","
                + " \"timeZone\": \"Europe/London\"}").statusCode(201).body("id", equalTo(2147483647));
        createCampaign("{\"name\": \"Next\", \"direction\": \"OUTBOUND\", \"timeZone\": \"Europe/London\"}")
                .statusCode(201).body("id", notNullValue());

        admin().body("{\"id\": 9223372036854775807, \"name\": \"Max\", \"userType\": \"agent\"}").post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        admin().body("{\"id\": 2147483647, \"name\": \"Top\", \"userType\": \"agent\"}").post("/api/v1/users").then()
                .statusCode(201);
        admin().body("{\"name\": \"Next\", \"userType\": \"agent\"}").post("/api/v1/users").then().statusCode(201)
                .body("id", notNullValue());
    }

    @Test
    void shouldGiveTheFrameworksOwnErrorsAType() {
        admin().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json").body("type",
                equalTo(PROBLEMS + "not-found"));
        admin().delete("/api/v1/campaigns").then().statusCode(405).contentType("application/problem+json").body("type",
                equalTo(PROBLEMS + "method-not-allowed"));
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.ADMIN)).contentType(ContentType.TEXT).body("name=x")
                .post("/api/v1/campaigns").then().statusCode(415).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unsupported-media-type"));
        given().get("/api/v1/campaigns").then().statusCode(401).body("type", equalTo(PROBLEMS + "unauthorized"));
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).get("/api/v1/campaigns").then()
                .statusCode(403).body("type", equalTo(PROBLEMS + "forbidden"));
    }

    @Test
    void shouldRefuseNumbersTheirParameterCannotHold() {
        admin().get("/api/v1/campaigns?limit=99999999999").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "invalid-parameters"));
        admin().get("/api/v1/campaigns/9223372036854775808").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "invalid-parameters"));
        admin().get("/api/v1/users/abc").then().statusCode(400).contentType("application/problem+json");
        admin().urlEncodingEnabled(false).get("/api/v1/campaigns?cursor=%00").then().statusCode(lessThan(500));
        admin().urlEncodingEnabled(false).get("/api/v1/users?userType=%00").then().statusCode(400);
    }
}
