package io.switchboard.crm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The customer-erasure saga against the real broker, with callback-service and lead-service played by
 * {@link SimulatedParticipants} on the real topics.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ErasureTest {

    private static final String NUMBER = "+447400555123";
    private static final String DIGITS = "7400555123";
    private static final String EMAIL = "ada.erase@example.com";

    @Inject
    CloudEventCodec codec;

    @Inject
    Pool pool;

    /** A person known to crm-service by a record, a call log with media, and a finished callback. */
    private long person(String tenant) {
        String key = TestFixtures.apiKey(tenant, "General:Read", "General:Write");
        given().header("X-Api-Key", key).body("{\"firstname\": \"Ada\", \"lastname\": \"Erase\", \"phone\":"
                + " \"07400 555123\", \"businessphone\": \"020 7123 4567\", \"email\": \"Ada.Erase@example.com\"}")
                .post("/calls/create").then().statusCode(200);
        given().header("X-Api-Key", key)
                .body("{\"CallType\": \"Inbound\", \"Number\": \"07400555123\", \"Name\":"
                        + " \"Ada Erase\", \"DateTime\": \"01-03-26 10:00:00\", \"Duration\": \"00:01:00\"}")
                .post("/calls/log").then().statusCode(200);
        // A call logged against the business number, which only the record ties to this person.
        given().header("X-Api-Key", key).body(
                "{\"CallType\": \"Outbound\", \"Number\": \"020 7123 4567\"," + " \"DateTime\": \"02-03-26 10:00:00\"}")
                .post("/calls/log").then().statusCode(200);
        String code = "ER" + TestEvents.id().substring(0, 8).toUpperCase();
        TestEvents.publish(
                codec, CallbackEvents.REQUESTED, code, code, tenant, new CallbackEvents.Requested(code, 1, 1, NUMBER,
                        "Ada Erase", CallbackState.PENDING, null, OffsetDateTime.now()),
                "/switchboard/callback-service");
        TestEvents.publish(
                codec, CallbackEvents.STATUS_CHANGED, code, code, tenant, new CallbackEvents.StatusChanged(code, 1,
                        CallStatus.CALL_SUCCEEDED, CallbackState.SUCCEEDED, 0, OffsetDateTime.now(), null, 1),
                "/switchboard/callback-service");
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/platform-api/v3.0/activities").then().body("items.size()", equalTo(3)));
        long callActivity = given().auth().oauth2(token).queryParam("activityType", "call.inbound")
                .get("/platform-api/v3.0/activities").then().extract().jsonPath().getLong("items[0].activityId");
        return given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).contentType("audio/wav")
                .body(MediaTest.audio(1000))
                .post("/api/v1/dialler/media?type=recording&activityId=" + callActivity + "&duration=60").then()
                .statusCode(201).extract().jsonPath().getLong("mediaId");
    }

    @Test
    void shouldEraseAPersonEverywhereAndAnswerTheSeedsCountsOnceEveryServiceHasAnswered() throws Exception {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        long mediaId = person(tenant);
        String token = TestTokens.tokenOf("1059", tenant, TestFixtures.PLATFORM);
        try (SimulatedParticipants participants = new SimulatedParticipants(codec, tenant, Map.of("callback-service",
                Map.of("callbacks", 2L), "lead-service", Map.of("leads", 1L, "attempts", 3L)))) {
            ExtractableResponse<Response> response = given().auth().oauth2(token)
                    .queryParam("phoneNumber", "07400 555123").delete("/platform-api/v3.0/customer").then()
                    .statusCode(200).body("callData.callbacks", equalTo(2)).body("callData.callLogs", equalTo(2))
                    .body("callData.activities", equalTo(3)).body("callData.media", equalTo(1))
                    .body("emailData.records", equalTo(1)).body("leadData.leads", equalTo(1))
                    .body("leadData.attempts", equalTo(3)).body("size()", equalTo(3))
                    .body("callData.size()", equalTo(4)).body("emailData.size()", equalTo(1))
                    .body("leadData.size()", equalTo(2))
                    .header("Content-Location", matchesPattern("/api/v1/erasures/[0-9a-f-]{36}")).extract();

            // The request told the other services every number of the person, in E.164.
            assertThat(participants.requests()).hasSize(1);
            assertThat(participants.requests().get(0).phoneNumbers()).containsExactlyInAnyOrder(NUMBER,
                    "+442071234567");

            String audit = response.header("Content-Location");
            given().auth().oauth2(token).get(audit).then().statusCode(200).body("status", equalTo("completed"))
                    .body("requestedBy", equalTo("1059")).body("byPhone", equalTo(true)).body("byEmail", equalTo(false))
                    .body("participants.service", equalTo(List.of("callback-service", "lead-service")))
                    .body("participants.answered", equalTo(List.of(true, true)))
                    .body("result.callData.callbacks", equalTo(2)).body("result.leadData.attempts", equalTo(3))
                    .body(not(containsString(DIGITS))).body(not(containsString("ada.erase")));
        }

        // Nothing in crm-service's schema names the person any more, the outbox included.
        assertThat(occurrences(DIGITS)).isEmpty();
        assertThat(occurrences("71234567")).isEmpty();
        assertThat(occurrences("ada.erase")).isEmpty();
        assertThat(occurrences("Ada Erase")).isEmpty();
        // The calls stay as anonymous history; the recording's bytes are gone, its record says why.
        given().auth().oauth2(token).get("/platform-api/v3.0/activities").then().body("items.size()", equalTo(3))
                .body("items.data.erased", equalTo(List.of(true, true, true)));
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + mediaId).then().statusCode(410);
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + mediaId + "/recording").then()
                .body("deleted", equalTo(true)).body("deletionReason", equalTo("Customer data erasure"));
        String key = TestFixtures.apiKey(tenant, "General:Read");
        given().header("X-Api-Key", key).queryParam("phone", "07400555123").get("/calls/record").then().body("status",
                equalTo(false));
    }

    @Test
    void shouldAnswer202WithALocationWhenAServiceIsLateAndCompleteWhenItAnswers() throws Exception {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        try (SimulatedParticipants participants = new SimulatedParticipants(codec, tenant,
                Map.of("callback-service", Map.of("callbacks", 1L)))) {
            String location = given().auth().oauth2(token).queryParam("emailAddress", "Late@Example.com")
                    .delete("/platform-api/v3.0/customer").then().statusCode(202)
                    .header("Location", matchesPattern(".*/api/v1/erasures/[0-9a-f-]{36}"))
                    .body("status", equalTo("in-progress")).body("awaiting", equalTo(List.of("lead-service"))).extract()
                    .header("Location");
            assertThat(participants.requests().get(0).emailAddresses()).containsExactly("late@example.com");
            String erasureId = location.substring(location.lastIndexOf('/') + 1);
            given().auth().oauth2(token).get(location).then().body("status", equalTo("in-progress"))
                    .body("participants.answered", equalTo(List.of(true, false)));

            participants.answer(erasureId, "lead-service", Map.of("leads", 4L, "attempts", 9L));
            // A redelivered answer is not counted twice.
            participants.answer(erasureId, "lead-service", Map.of("leads", 4L, "attempts", 9L));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(
                    () -> given().auth().oauth2(token).get(location).then().body("status", equalTo("completed")));
            given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).get(location).then()
                    .body("result.leadData.leads", equalTo(4)).body("result.leadData.attempts", equalTo(9))
                    .body("result.callData.callbacks", equalTo(1)).body("byEmail", equalTo(true));
        }
        assertThat(occurrences("late@example")).isEmpty();
    }

    @Test
    void shouldRefuseAMissingOrUnreadableIdentifierAndAnswer401And403AndKeepTenantsApart() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        given().auth().oauth2(token).delete("/platform-api/v3.0/customer").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("phoneNumber", "12").delete("/platform-api/v3.0/customer").then()
                .statusCode(400).body("detail", matchesPattern("phoneNumber .*"));
        given().queryParam("phoneNumber", NUMBER).delete("/platform-api/v3.0/customer").then().statusCode(401);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).queryParam("phoneNumber", NUMBER)
                .delete("/platform-api/v3.0/customer").then().statusCode(403);

        String location = given().auth().oauth2(token).queryParam("phoneNumber", "07400 555999")
                .delete("/platform-api/v3.0/customer").then().statusCode(202).extract().header("Location");
        given().get(location).then().statusCode(401);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).get(location).then().statusCode(403);
        given().auth().oauth2(TestTokens.token(TestFixtures.newTenant(), TestFixtures.PLATFORM)).get(location).then()
                .statusCode(404);
    }

    /** Every text or JSON column of crm-service's schema that holds the text, as table.column. */
    private List<String> occurrences(String text) {
        List<String> found = new ArrayList<>();
        for (Row column : pool.query("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = 'crm' AND data_type IN ('text', 'jsonb', 'json', 'character varying',"
                + " 'ARRAY')").execute().await().indefinitely()) {
            String table = column.getString("table_name");
            String name = column.getString("column_name");
            long count = pool
                    .preparedQuery(
                            "SELECT count(*) FROM crm." + table + " WHERE " + name + "::text ILIKE '%' || $1 || '%'")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(text)).await().indefinitely().iterator().next()
                    .getLong(0);
            if (count > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }
}
