package io.switchboard.crm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * What a hostile client sends to crm-service (NUL characters, over-long strings, numbers no column holds, duplicate
 * keys, trailing garbage) is refused with a 4xx in each surface's own shape: the SwitchTransact error body on /calls,
 * problem JSON with a type elsewhere. Never a 5xx, and a normal request still works afterwards.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class HostileInputTest {

    private static final String NUL = "\\u0000";

    private final List<String> failures = new ArrayList<>();

    private void legacyRefused(String what, Response r) {
        boolean shaped = r.contentType().startsWith("application/json") && Boolean.FALSE.equals(r.path("status"))
                && r.path("error") != null;
        if (r.statusCode() < 400 || r.statusCode() >= 500 || !shaped) {
            failures.add(what + " -> " + r.statusCode() + " " + r.contentType() + " " + shortly(r));
        }
    }

    private void refused(String what, Response r) {
        String type = r.contentType().startsWith("application/problem+json") ? r.jsonPath().getString("type") : null;
        if (r.statusCode() < 400 || r.statusCode() >= 500 || type == null) {
            failures.add(what + " -> " + r.statusCode() + " " + r.contentType() + " " + shortly(r));
        }
    }

    private static String shortly(Response r) {
        String body = r.asString();
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    @Test
    void shouldRefuseHostileSwitchTransactCallsInTheSeedShape() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String key = TestFixtures.apiKey(tenant, "General:Read", "General:Write");
        for (String field : List.of("firstname", "lastname", "phone", "company", "email", "customer_number",
                "entity_type", "businessphone")) {
            legacyRefused("create " + field + " NUL", given().header("X-Api-Key", key)
                    .body("{\"firstname\": \"A\", \"" + field + "\": \"x" + NUL + "\"}").post("/calls/create"));
            legacyRefused("create " + field + " long",
                    given().header("X-Api-Key", key)
                            .body("{\"firstname\": \"A\", \"" + field + "\": \"" + "x".repeat(100_000) + "\"}")
                            .post("/calls/create"));
        }
        legacyRefused("create key NUL",
                given().header("X-Api-Key", key).body("{\"first" + NUL + "name\": \"A\"}").post("/calls/create"));
        legacyRefused("create duplicate", given().header("X-Api-Key", key)
                .body("{\"firstname\": \"A\", \"firstname\": \"B\"}").post("/calls/create"));
        legacyRefused("create trailing",
                given().header("X-Api-Key", key).body("{\"firstname\": \"A\"} x").post("/calls/create"));
        for (String field : List.of("CallType", "Number", "Name", "EntityId", "AgentEmail", "Duration", "DateTime",
                "CallStartTimeLocal")) {
            legacyRefused("log " + field + " NUL", given().header("X-Api-Key", key).body(
                    "{\"CallType\": \"Inbound\", \"Number\": \"07700900123\", \"DateTime\": \"01-12-26 10:00:00\","
                            + " \"" + field + "\": \"1" + NUL + "\"}")
                    .post("/calls/log"));
        }
        for (String duration : List.of("99999999:00:00", "2147483648", "00:00:99999999999", "-1")) {
            legacyRefused("log duration " + duration, given().header("X-Api-Key", key).body(
                    "{\"CallType\": \"Inbound\", \"Number\": \"07700900123\", \"DateTime\": \"01-12-26 10:00:00\","
                            + " \"Duration\": \"" + duration + "\", \"DurationTimespan\": \"" + duration + "\"}")
                    .post("/calls/log"));
        }
        legacyRefused("log year", given().header("X-Api-Key", key).body(
                "{\"CallType\": \"Inbound\", \"Number\": \"07700900123\", \"DateTime\": \"31-12-99999 10:00:00\"}")
                .post("/calls/log"));
        legacyRefused("record phone NUL",
                given().header("X-Api-Key", key).queryParam("phone", "0770\u0000").get("/calls/record"));
        legacyRefused("record email NUL",
                given().header("X-Api-Key", key).queryParam("email", "a\u0000@b.c").get("/calls/record"));
        legacyRefused("autocomplete NUL",
                given().header("X-Api-Key", key).queryParam("term", "ja\u0000").get("/calls/autocomplete"));
        legacyRefused("autocomplete long",
                given().header("X-Api-Key", key).queryParam("term", "j".repeat(1000)).get("/calls/autocomplete"));

        assertThat(failures).isEmpty();
        given().header("X-Api-Key", key)
                .body("{\"firstname\": \"James\", \"lastname\": \"May\", \"phone\": \"07400123456\"}")
                .post("/calls/create").then().log().ifValidationFails().statusCode(200);
    }

    @Test
    void shouldRefuseHostileModernRequestsWithProblems() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String platform = TestTokens.token(tenant, TestFixtures.PLATFORM);
        String admin = TestTokens.token(tenant, TestFixtures.ADMIN);
        String dialler = TestTokens.token(tenant, TestFixtures.DIALLER);
        refused("activities type NUL", given().auth().oauth2(platform).queryParam("activityType", "x\u0000")
                .get("/platform-api/v3.0/activities"));
        refused("activities from", given().auth().oauth2(platform).queryParam("createdTimestampFrom", "0001\u0000")
                .get("/platform-api/v3.0/activities"));
        refused("activities limit",
                given().auth().oauth2(platform).get("/platform-api/v3.0/activities?limit=99999999999"));
        refused("activities campaign",
                given().auth().oauth2(platform).get("/platform-api/v3.0/activities?campaignId=99999999999999999999"));
        refused("activities cursor", given().auth().oauth2(platform).get("/platform-api/v3.0/activities?cursor=%00"));
        refused("activity id",
                given().auth().oauth2(platform).get("/platform-api/v3.0/activities/99999999999999999999"));
        refused("activity NUL", given().auth().oauth2(platform).get("/platform-api/v3.0/activities/%00"));
        refused("customer phone NUL", given().auth().oauth2(platform).queryParam("phoneNumber", "0770\u0000")
                .delete("/platform-api/v3.0/customer"));
        refused("customer email NUL", given().auth().oauth2(platform).queryParam("emailAddress", "a\u0000@b.c")
                .delete("/platform-api/v3.0/customer"));
        refused("erasure NUL", given().auth().oauth2(admin).get("/api/v1/erasures/%00"));
        refused("api key NUL", given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"k" + NUL + "\", \"permissions\": [\"General:Read\"]}").post("/api/v1/api-keys"));
        refused("api key permission NUL", given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"k\", \"permissions\": [\"General:Read" + NUL + "\"]}").post("/api/v1/api-keys"));
        refused("api key duplicate",
                given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .body("{\"name\": \"k\", \"name\": \"j\", \"permissions\": [\"General:Read\"]}")
                        .post("/api/v1/api-keys"));
        refused("api key revoke NUL", given().auth().oauth2(admin).delete("/api/v1/api-keys/%00"));
        refused("settings NUL",
                given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .body("{\"defaultRegion\": \"G" + NUL + "\", \"timeZone\": \"Europe/London\"}")
                        .put("/api/v1/crm/settings"));
        refused("settings zone NUL",
                given().auth().oauth2(admin).contentType(ContentType.JSON)
                        .body("{\"defaultRegion\": \"GB\", \"timeZone\": \"Europe/London" + NUL + "\"}")
                        .put("/api/v1/crm/settings"));
        refused("media type NUL", given().auth().oauth2(dialler).contentType("audio/wav").body(new byte[] { 1, 2 })
                .queryParam("type", "rec\u0000ording").queryParam("activityId", 1).post("/api/v1/dialler/media"));
        refused("media activity huge", given().auth().oauth2(dialler).contentType("audio/wav").body(new byte[] { 1 })
                .post("/api/v1/dialler/media?type=recording&activityId=99999999999999999999&duration=99999999999"));
        refused("media NUL", given().auth().oauth2(platform).get("/platform-api/v3.0/media/%00/voicemail"));
        refused("media huge",
                given().auth().oauth2(platform).get("/platform-api/v3.0/media/99999999999999999999/recording"));
        refused("media delete reason NUL",
                given().auth().oauth2(platform).queryParam("reason", "r\u0000").delete("/platform-api/v3.0/media/1"));
        refused("media delete body NUL", given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body("{\"reason\": \"r" + NUL + "\"}").delete("/platform-api/v3.0/media/1"));
        assertThat(failures).isEmpty();
    }
}
