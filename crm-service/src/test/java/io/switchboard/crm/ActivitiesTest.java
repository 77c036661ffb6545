package io.switchboard.crm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.common.ids.PlatformIds;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/** Activities from SwitchTransact call logs and from callback-service's events, through the Platform API. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ActivitiesTest {

    @Inject
    CloudEventCodec codec;

    private static String seedLog(String callType, String direction, String dateTime) {
        return "{\n\"CallType\": \"" + callType + "\",\n\"CallDirection\": \"" + direction + "\",\n"
                + "\"Number\": \"07400 123456\",\n\"Name\": \"James May\",\n\"EntityId\": \"3008821\",\n"
                + "\"EntityType\": \"person\",\n\"AgentFirstName\": \"John\",\n\"AgentLastName\": \"Do\",\n"
                + "\"AgentEmail\": \"agent@company.com\",\n\"Duration\": \"00:04:31\",\n"
                + "\"DurationTimespan\": \"00:04:01\",\n\"DateTime\": \"" + dateTime + "\",\n"
                + "\"CallStartTimeLocal\": \"14:05:09\",\n\"CallEndTimeLocal\": \"14:09:40\",\n}";
    }

    @Test
    void shouldMakeACallLogAnActivityWithItsFieldsAndLocalTimesInTheTenantsZone() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String key = TestFixtures.apiKey(tenant, "General:Write");
        given().header("X-Api-Key", key).body(seedLog("Inbound", "Inbound", "24-07-26 14:05:09")).post("/calls/log")
                .then().statusCode(200).body("status", equalTo(true)).body("size()", equalTo(1));

        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        ExtractableResponse<Response> page = given().auth().oauth2(token).get("/platform-api/v3.0/activities").then()
                .statusCode(200).body("metadata.limit", equalTo(50)).body("metadata.nextCursor", nullValue())
                .body("items.size()", equalTo(1)).extract();
        long activityId = page.jsonPath().getLong("items[0].activityId");
        assertThat(PlatformIds.serviceOf(activityId)).isEqualTo(4);
        given().auth().oauth2(token).get("/platform-api/v3.0/activities/" + activityId).then().statusCode(200)
                .body("activityId", equalTo(activityId)).body("type", equalTo("call.inbound"))
                .body("size()", equalTo(4)).body("data.source", equalTo("call-log"))
                .body("data.callLogId", matchesPattern("[0-9a-f-]{36}")).body("data.callType", equalTo("Inbound"))
                .body("data.callDirection", equalTo("Inbound")).body("data.phoneNumber", equalTo("+447400123456"))
                .body("data.name", equalTo("James May")).body("data.entityId", equalTo("3008821"))
                .body("data.entityType", equalTo("person")).body("data.agent.firstName", equalTo("John"))
                .body("data.agent.lastName", equalTo("Do")).body("data.agent.email", equalTo("agent@company.com"))
                .body("data.duration", equalTo(271)).body("data.durationTimespan", equalTo(241))
                .body("timestamps.created", equalTo("2026-07-24T14:05:09+01:00"))
                .body("timestamps.ended", equalTo("2026-07-24T14:09:40+01:00")).body("timestamps.recorded",
                        matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}"));
    }

    @Test
    void shouldTypeCallLogsByDirectionAndMissedAndFilterAndPageThem() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String key = TestFixtures.apiKey(tenant, "General:Write");
        log(key, seedLog("Outbound", "Outbound", "01-02-26 09:00:00"));
        log(key, seedLog("Missed", "Inbound", "02-02-26 09:00:00"));
        log(key, seedLog("Notanswered", "Outbound", "03-02-26 09:00:00"));
        log(key, seedLog("Inbound", "Inbound", "04-02-26 09:00:00"));
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);

        given().auth().oauth2(token).get("/platform-api/v3.0/activities").then().body("items.type",
                equalTo(List.of("call.outbound", "call.missed", "call.outbound", "call.inbound")));
        given().auth().oauth2(token).queryParam("activityType", "call.outbound").get("/platform-api/v3.0/activities")
                .then().body("items.data.callType", equalTo(List.of("Outbound", "Notanswered")));
        // The call's start, in the tenant's zone, bounds the list; bare dates are whole days.
        given().auth().oauth2(token).queryParam("createdTimestampFrom", "2026-02-02T14:05:09Z")
                .queryParam("createdTimestampTo", "2026-02-03").get("/platform-api/v3.0/activities").then()
                .body("items.data.callType", equalTo(List.of("Missed", "Notanswered")));
        String cursor = given().auth().oauth2(token).queryParam("limit", 3).get("/platform-api/v3.0/activities").then()
                .body("items.size()", equalTo(3)).body("metadata.limit", equalTo(3)).extract()
                .path("metadata.nextCursor");
        given().auth().oauth2(token).queryParam("limit", 3).queryParam("cursor", cursor)
                .get("/platform-api/v3.0/activities").then().body("items.data.callType", equalTo(List.of("Inbound")))
                .body("metadata.nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("createdTimestampFrom", "yesterday")
                .get("/platform-api/v3.0/activities").then().statusCode(400)
                .body("detail", matchesPattern("createdTimestampFrom .*"));
    }

    @Test
    void shouldRefuseABadCallLogValueNamingTheField() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String key = TestFixtures.apiKey(tenant, "General:Write");
        Map<String, String[]> bad = Map.of("CallType", new String[] { "\"Sideways\"" }, "CallDirection",
                new String[] { "\"Upwards\"" }, "Number", new String[] { "\"abc\"", "null" }, "DateTime",
                new String[] { "\"2026-07-24 14:05:09\"", "\"31-02-26 10:00:00\"", "null" }, "Duration",
                new String[] { "\"4 minutes\"", "\"00:61:00\"" }, "DurationTimespan", new String[] { "\"1:2\"" },
                "CallStartTimeLocal", new String[] { "\"25:00:00\"" }, "CallEndTimeLocal", new String[] { "\"14.09\"" },
                "AgentEmail", new String[] { "\"agent\"" });
        bad.forEach((field, values) -> {
            for (String value : values) {
                String body = seedLog("Inbound", "Inbound", "24-07-26 14:05:09")
                        .replaceFirst("\"" + field + "\": (\"[^\"]*\")", "\"" + field + "\": " + value);
                given().header("X-Api-Key", key).body(body).post("/calls/log").then().statusCode(400)
                        .body("status", equalTo(false)).body("error", matchesPattern(field + " .*"))
                        .body("size()", equalTo(2));
            }
        });
        given().header("X-Api-Key", key).body(seedLog("Inbound", "Outbound", "24-07-26 14:05:09")).post("/calls/log")
                .then().statusCode(400).body("error", matchesPattern("CallDirection .*"));
        // None of them made an activity.
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM)).get("/platform-api/v3.0/activities")
                .then().body("items.size()", equalTo(0));
    }

    @Test
    void shouldMakeOneCallbackActivityWhenACallbackFinishesWhateverKafkaRedelivers() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String code = "CB" + TestEvents.id().substring(0, 8).toUpperCase();
        OffsetDateTime requested = OffsetDateTime.parse("2026-03-10T09:00:00Z");
        OffsetDateTime calling = OffsetDateTime.parse("2026-03-10T09:05:00Z");
        OffsetDateTime succeeded = OffsetDateTime.parse("2026-03-10T09:07:30Z");
        String source = "/switchboard/callback-service";
        TestEvents.publish(codec, CallbackEvents.REQUESTED, code, code, tenant, new CallbackEvents.Requested(code, 1, 1,
                "+447400123456", "Ada Lovelace", CallbackState.PENDING, null, requested), source);
        TestEvents.publish(codec, CallbackEvents.STATUS_CHANGED, code, code, tenant, new CallbackEvents.StatusChanged(
                code, 1, CallStatus.CALLING_USER, CallbackState.IN_PROGRESS, 0, calling, null, 1), source);
        CloudEvent finished = TestEvents.publish(codec, CallbackEvents.STATUS_CHANGED, code, code, tenant,
                new CallbackEvents.StatusChanged(code, 1, CallStatus.CALL_SUCCEEDED, CallbackState.SUCCEEDED, 0,
                        succeeded, null, 1),
                source);
        // Kafka redelivers the last one, twice; a record that is no event at all is skipped.
        TestEvents.send(Topics.CALLBACK_EVENTS, code, codec.encode(finished));
        TestEvents.send(Topics.CALLBACK_EVENTS, code, "not a cloud event");
        TestEvents.send(Topics.CALLBACK_EVENTS, code, codec.encode(finished));

        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().auth().oauth2(token).queryParam("activityType", "call.callback")
                        .get("/platform-api/v3.0/activities").then().body("items.size()", equalTo(1)));
        // Stays one once everything has been read.
        TestEvents.publish(codec, CallbackEvents.REQUESTED, "marker", "marker", tenant, new CallbackEvents.Requested(
                "MARKER", 1, 1, "+447400999999", "Marker", CallbackState.PENDING, null, requested), source);
        TestEvents.publish(codec, CallbackEvents.STATUS_CHANGED, "marker", "marker", tenant,
                new CallbackEvents.StatusChanged("MARKER", 1, CallStatus.CALL_FAILED, CallbackState.FAILED, 2,
                        succeeded, null, 3),
                source);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/platform-api/v3.0/activities").then().body("items.size()", equalTo(2)));
        given().auth().oauth2(token).queryParam("activityType", "call.callback").get("/platform-api/v3.0/activities")
                .then().body("items.size()", equalTo(2)).body("items[0].type", equalTo("call.callback"))
                .body("items[0].data.source", equalTo("callback")).body("items[0].data.confirmationCode", equalTo(code))
                .body("items[0].data.serviceQueue", equalTo(1)).body("items[0].data.callType", equalTo(1))
                .body("items[0].data.phoneNumber", equalTo("+447400123456"))
                .body("items[0].data.customerName", equalTo("Ada Lovelace"))
                .body("items[0].data.outcome", equalTo("SUCCEEDED"))
                .body("items[0].data.lastStatus", equalTo("CallSucceeded")).body("items[0].data.attempts", equalTo(1))
                .body("items[0].data.retries", equalTo(0))
                .body("items[0].data.requestedAt", equalTo("2026-03-10T09:00:00Z"))
                .body("items[0].timestamps.created", equalTo("2026-03-10T09:05:00+00:00"))
                .body("items[0].timestamps.ended", equalTo("2026-03-10T09:07:30+00:00"))
                .body("items[1].data.outcome", equalTo("FAILED"));
    }

    @Test
    void shouldRecordADiallerAttemptUnderTheActivityIdLeadServiceMintedOnceOnly() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        long activityId = java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50);
        String key = tenant + ":lead:77";
        LeadEvents.AttemptRecorded attempt = new LeadEvents.AttemptRecorded(901, activityId, activityId - 2,
                activityId - 5, 77, 2, 100, "10000001", 1, "+61499999999", 1, "Answered", "call.outbound",
                OffsetDateTime.parse("2026-05-01T01:00:00Z"), OffsetDateTime.parse("2026-05-01T01:03:20Z"), 1002L,
                false, null);
        CloudEvent event = TestEvents.publish(codec, LeadEvents.ATTEMPT_RECORDED, key, Long.toString(activityId),
                tenant, attempt, "/switchboard/lead-service");
        TestEvents.send(Topics.LEAD_EVENTS, key, codec.encode(event));
        // Other lead events are not activities.
        TestEvents.publish(
                codec, LeadEvents.LIST_CHANGED, tenant + ":list:100", "100", tenant, new LeadEvents.ListChanged(100, 2,
                        "List One", true, 1, false, OffsetDateTime.now(), OffsetDateTime.now()),
                "/switchboard/lead-service");

        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(token)
                .get("/platform-api/v3.0/activities/" + activityId).then().statusCode(200));
        given().auth().oauth2(token).get("/platform-api/v3.0/activities/" + activityId).then()
                .body("activityId", equalTo(activityId)).body("type", equalTo("call.outbound"))
                .body("data.source", equalTo("dialler")).body("data.attemptId", equalTo(901))
                .body("data.leadId", equalTo(77)).body("data.campaignId", equalTo(2)).body("data.listId", equalTo(100))
                .body("data.customerKey", equalTo("10000001")).body("data.phoneIndex", equalTo(1))
                .body("data.phoneNumber", equalTo("+61499999999")).body("data.dialStatusId", equalTo(1))
                .body("data.dialStatusName", equalTo("Answered")).body("data.agentId", equalTo(1002))
                .body("data.parentActivityId", equalTo(activityId - 2))
                .body("data.rootActivityId", equalTo(activityId - 5))
                .body("timestamps.created", equalTo("2026-05-01T02:00:00+01:00"))
                .body("timestamps.ended", equalTo("2026-05-01T02:03:20+01:00"));
        given().auth().oauth2(token).queryParam("campaignId", 2).get("/platform-api/v3.0/activities").then()
                .body("items.activityId", equalTo(List.of(activityId)));
        given().auth().oauth2(token).queryParam("campaignId", 3).get("/platform-api/v3.0/activities").then()
                .body("items.size()", equalTo(0));
    }

    @Test
    void shouldAnswer401And403AndKeepTenantsApart() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        log(TestFixtures.apiKey(tenant, "General:Write"), seedLog("Inbound", "Inbound", "24-07-26 14:05:09"));
        long id = given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM))
                .get("/platform-api/v3.0/activities").then().extract().jsonPath().getLong("items[0].activityId");
        for (String path : new String[] { "/platform-api/v3.0/activities", "/platform-api/v3.0/activities/" + id }) {
            given().get(path).then().statusCode(401).body("status", equalTo(401));
            given().auth().oauth2(TestTokens.expired(tenant, TestFixtures.PLATFORM)).get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).get(path).then().statusCode(403)
                    .body("status", equalTo(403));
        }
        String other = TestFixtures.newTenant();
        given().auth().oauth2(TestTokens.token(other, TestFixtures.PLATFORM)).get("/platform-api/v3.0/activities/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.token(other, TestFixtures.PLATFORM)).get("/platform-api/v3.0/activities")
                .then().body("items.size()", equalTo(0));
    }

    private static void log(String key, String body) {
        given().header("X-Api-Key", key).body(body).post("/calls/log").then().statusCode(200);
    }
}
