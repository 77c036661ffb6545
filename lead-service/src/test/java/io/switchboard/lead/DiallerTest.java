package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.common.ids.PlatformIds;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/** Outbound dialling: claims with leases, the calling window, the do-not-call list, attempts and their events. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class DiallerTest {

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    String tenant;
    String dialler;
    String platform;
    String admin;
    long listId;

    @BeforeEach
    void setUp() {
        tenant = TestFixtures.newTenant();
        dialler = TestTokens.token(tenant, TestFixtures.DIALLER);
        platform = TestTokens.token(tenant, TestFixtures.PLATFORM);
        admin = TestTokens.token(tenant, TestFixtures.ADMIN);
        TestFixtures.campaign(codec, pool, tenant, 2, "Sales Outbound", "Europe/London");
        TestFixtures.openWindow(tenant, 2);
        listId = TestFixtures.list(tenant, 2, "Dial me");
    }

    private JsonPath claim(int max) {
        return given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"max\": " + max + ", \"leaseSeconds\": 60, \"diallerId\": \"dialler-7\"}")
                .post("/api/v1/dialler/campaigns/2/claims").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldLeaseDueLeadsWithWhatADiallerNeeds() {
        long due = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"customerKey\": \"C1\","
                + " \"phone1\": \"+447400000001\", \"phone2\": \"+447400000002\", \"timezone\": \"Europe/London\","
                + " \"leadData\": {\"name\": \"Ada\"}, \"statusCode\": 9}");
        TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000003\","
                + " \"nextAttemptTimestamp\": \"2099-01-01T00:00:00Z\"}");
        TestFixtures.lead(tenant, "{\"listId\": " + listId + "}"); // no phone: never dialled
        given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"max\": 10, \"leaseSeconds\": 60, \"diallerId\": \"dialler-7\"}")
                .post("/api/v1/dialler/campaigns/2/claims").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].leadId", equalTo((int) due)).body("items[0].campaignId", equalTo(2))
                .body("items[0].listId", equalTo((int) listId)).body("items[0].customerKey", equalTo("C1"))
                .body("items[0].phones", hasSize(2)).body("items[0].phones[0].phoneIndex", equalTo(1))
                .body("items[0].phones[0].phoneNumber", equalTo("+447400000001"))
                .body("items[0].timezone", equalTo("Europe/London")).body("items[0].dataFields.name", equalTo("Ada"))
                .body("items[0].lastStatusCode", equalTo(9)).body("items[0].attempt", equalTo(1))
                .body("items[0].leaseId", matchesPattern("[0-9a-f-]{36}"))
                .body("items[0].leaseHolder", equalTo("dialler-7")).body("items[0].leaseExpiresAt", notNullValue());
        // leased: nobody else gets it while the lease lives
        assertThat(claim(10).getList("items")).isEmpty();
    }

    @Test
    void shouldNeverGiveTwoConcurrentDiallersTheSameLead() throws Exception {
        for (int i = 0; i < 40; i++) {
            TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+4474000001" + (10 + i) + "\"}");
        }
        ExecutorService diallers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Long>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(() -> claim(10).getList("items.leadId", Long.class));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : diallers.invokeAll(claims)) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(40).doesNotHaveDuplicates();
        } finally {
            diallers.shutdownNow();
        }
    }

    @Test
    void shouldCallOnlyInsideTheCallingWindowInTheLeadsOwnZone() {
        // A one-hour window around the current local time of UTC+2; a lead in UTC is outside it.
        LocalTime plusTwo = OffsetDateTime.now(ZoneOffset.ofHours(2)).toLocalTime();
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"callingWindowStart\": \"" + plusTwo.minusMinutes(30).format(hm)
                        + "\", \"callingWindowEnd\": \"" + plusTwo.plusMinutes(30).format(hm) + "\"}")
                .put("/api/v1/dialler/campaigns/2/policy").then().statusCode(200);
        long inside = TestFixtures.lead(tenant,
                "{\"listId\": " + listId + ", \"phone1\": \"+447400000201\", \"timezone\": \"Etc/GMT-2\"}");
        TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000202\", \"timezone\": \"UTC\"}");
        assertThat(claim(10).getList("items.leadId", Long.class)).containsExactly(inside);
    }

    @Test
    void shouldHonourTheDoNotCallListAtClaimTime() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"phoneNumber\": \"07400 000301\", \"region\": \"GB\", \"reason\": \"asked\"}")
                .post("/api/v1/do-not-call").then().statusCode(201).body("phoneNumber", equalTo("+447400000301"))
                .body("reason", equalTo("asked")).body("createdAt", notNullValue());
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"phoneNumber\": \"+447400000302\"}")
                .post("/api/v1/do-not-call").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"phoneNumber\": \"+447400000302\"}")
                .post("/api/v1/do-not-call").then().statusCode(200);
        TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000301\"}");
        long partly = TestFixtures.lead(tenant,
                "{\"listId\": " + listId + ", \"phone1\": \"+447400000302\", \"phone2\": \"+447400000303\"}");
        JsonPath claimed = claim(10);
        assertThat(claimed.getList("items.leadId", Long.class)).containsExactly(partly);
        assertThat(claimed.getList("items[0].phones.phoneNumber", String.class)).containsExactly("+447400000303");
        assertThat(claimed.getList("items[0].phones.phoneIndex", Integer.class)).containsExactly(2);

        given().auth().oauth2(admin).get("/api/v1/do-not-call").then().statusCode(200).body("items", hasSize(2))
                .body("items[0].phoneNumber", equalTo("+447400000301")).body("metadata.limit", equalTo(50));
        given().auth().oauth2(admin).get("/api/v1/do-not-call/+447400000301").then().statusCode(200);
        given().auth().oauth2(admin).delete("/api/v1/do-not-call/+447400000301").then().statusCode(204);
        given().auth().oauth2(admin).get("/api/v1/do-not-call/+447400000301").then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"phoneNumber\": \"abc\"}")
                .post("/api/v1/do-not-call").then().statusCode(400).body("errors[0].field", equalTo("phoneNumber"));
        // off the list again: dialled
        assertThat(claim(10).getList("items.leadId", Long.class)).hasSize(1);
    }

    @Test
    void shouldRecordAttemptsScheduleTheNextAndChainTheirActivities() {
        long leadId = TestFixtures.lead(tenant,
                "{\"listId\": " + listId + ", \"customerKey\": \"K9\", \"phone1\": \"+447400000401\"}");
        String lease = claim(1).getString("items[0].leaseId");
        JsonPath first = given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"leadId\": " + leadId + ", \"leaseId\": \"" + lease + "\", \"phoneIndex\": 1,"
                        + " \"dialStatusId\": 3, \"dialStatusName\": \"Abandoned\", \"startedAt\":"
                        + " \"2026-11-24T09:00:00Z\", \"endedAt\": \"2026-11-24T09:01:00Z\", \"agentId\": 5}")
                .post("/api/v1/dialler/attempts").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/platform-api/v3.0/dialler/")).extract()
                .jsonPath();
        long attemptId = first.getLong("attemptId");
        long activityId = first.getLong("activityId");
        assertThat(PlatformIds.serviceOf(activityId)).isEqualTo(3);
        // a retry of the same report answers the same attempt
        given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"leadId\": " + leadId + ", \"leaseId\": \"" + lease + "\", \"phoneIndex\": 1,"
                        + " \"dialStatusId\": 3, \"dialStatusName\": \"Abandoned\"}")
                .post("/api/v1/dialler/attempts").then().statusCode(200).body("attemptId", equalTo((int) attemptId))
                .body("activityId", equalTo(activityId));

        given().auth().oauth2(platform).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200)
                .body("lastStatusCode", equalTo(3)).body("lastStatusDescription", equalTo("Abandoned"))
                .body("completed", equalTo(false)).body("outcomesInfo.attempts", equalTo(1))
                .body("outcomesInfo.lastAttemptId", equalTo((int) attemptId))
                .body("outcomesInfo.lastActivityId", equalTo(activityId))
                .body("timestamps.nextAttemptTimestamp", notNullValue())
                .body("timestamps.lastAttemptTimestamp", equalTo("2026-11-24T09:00:00Z".replace("Z", "+00:00")));
        // not due again before the retry delay
        assertThat(claim(1).getList("items")).isEmpty();

        given().auth().oauth2(platform).get("/platform-api/v3.0/dialler/" + attemptId).then().statusCode(200)
                .body("attemptId", equalTo((int) attemptId)).body("dialStatusId", equalTo(3))
                .body("dialStatusName", equalTo("Abandoned")).body("phoneIndex", equalTo(1))
                .body("phoneNumber", equalTo("+447400000401")).body("leadId", equalTo((int) leadId))
                .body("timestamps.dialledTimestamp", equalTo("2026-11-24T09:00:00+00:00"))
                .body("timestamps.endedTimestamp", equalTo("2026-11-24T09:01:00+00:00"))
                .body("type", equalTo("call.outbound")).body("campaignId", equalTo(2))
                .body("campaignName", equalTo("Sales Outbound")).body("activityId", equalTo(activityId))
                .body("parentActivityId", nullValue()).body("rootActivityId", nullValue());

        // A second attempt (the lead is due now) completes it with "Answered" and chains to the first.
        pool.preparedQuery("UPDATE lead SET next_attempt_at = now() - interval '1 minute' WHERE id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(leadId)).await().indefinitely();
        String lease2 = claim(1).getString("items[0].leaseId");
        JsonPath second = given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"leadId\": \"" + leadId + "\", \"leaseId\": \"" + lease2 + "\", \"phoneIndex\": \"1\","
                        + " \"dialStatusId\": \"1\", \"dialStatusName\": \"Answered\", \"agentId\": 5}")
                .post("/api/v1/dialler/attempts").then().statusCode(201).extract().jsonPath();
        long secondActivity = second.getLong("activityId");
        assertThat(secondActivity).isGreaterThan(activityId);
        given().auth().oauth2(platform).get("/platform-api/v3.0/dialler/" + second.getLong("attemptId")).then()
                .statusCode(200).body("parentActivityId", equalTo(activityId))
                .body("rootActivityId", equalTo(activityId));
        given().auth().oauth2(platform).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200)
                .body("completed", equalTo(true)).body("lastStatusDescription", equalTo("Answered"))
                .body("timestamps.nextAttemptTimestamp", nullValue());

        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords("switchboard.lead-events",
                r -> (tenant + ":lead:" + leadId).equals(r.key()), 2, Duration.ofSeconds(20));
        CloudEvent event = codec.decode(records.get(1).value());
        assertThat(event.type()).isEqualTo("switchboard.lead.attempt-recorded");
        assertThat(event.subject()).isEqualTo(Long.toString(secondActivity));
        assertThat(event.tenantid()).isEqualTo(tenant);
        var data = codec.data(event, LeadEvents.ATTEMPT_RECORDED);
        assertThat(data.attemptId()).isEqualTo(second.getLong("attemptId"));
        assertThat(data.activityId()).isEqualTo(secondActivity);
        assertThat(data.parentActivityId()).isEqualTo(activityId);
        assertThat(data.rootActivityId()).isEqualTo(activityId);
        assertThat(data.leadId()).isEqualTo(leadId);
        assertThat(data.campaignId()).isEqualTo(2);
        assertThat(data.listId()).isEqualTo(listId);
        assertThat(data.customerKey()).isEqualTo("K9");
        assertThat(data.phoneIndex()).isEqualTo(1);
        assertThat(data.phoneNumber()).isEqualTo("+447400000401");
        assertThat(data.dialStatusId()).isEqualTo(1);
        assertThat(data.dialStatusName()).isEqualTo("Answered");
        assertThat(data.type()).isEqualTo("call.outbound");
        assertThat(data.startedAt()).isNotNull();
        assertThat(data.agentId()).isEqualTo(5L);
        assertThat(data.leadCompleted()).isTrue();
        assertThat(data.nextAttemptAt()).isNull();
        var firstData = codec.data(codec.decode(records.get(0).value()), LeadEvents.ATTEMPT_RECORDED);
        assertThat(firstData.parentActivityId()).isNull();
        assertThat(firstData.endedAt()).isEqualTo(OffsetDateTime.parse("2026-11-24T09:01:00Z"));
    }

    @Test
    void shouldRefuseAnAttemptWithoutTheLiveLeaseOrWithBadValues() {
        long leadId = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000501\"}");
        claim(1);
        String body = "{\"leadId\": " + leadId + ", \"phoneIndex\": 1, \"dialStatusId\": 2}";
        given().auth().oauth2(dialler).contentType(ContentType.JSON).body(body).post("/api/v1/dialler/attempts").then()
                .statusCode(409).body("errors[0].field", equalTo("leaseId"));
        given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"leadId\": " + leadId + ", \"leaseId\": \"" + java.util.UUID.randomUUID()
                        + "\", \"phoneIndex\": 1, \"dialStatusId\": 2}")
                .post("/api/v1/dialler/attempts").then().statusCode(409);
        given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"leadId\": " + leadId + ", \"phoneIndex\": 4, \"dialStatusId\": 2}")
                .post("/api/v1/dialler/attempts").then().statusCode(400).body("errors[0].field", equalTo("phoneIndex"));
        given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"leadId\": " + leadId + ", \"phoneIndex\": 1}").post("/api/v1/dialler/attempts").then()
                .statusCode(400).body("errors[0].field", equalTo("dialStatusId"));
        given().auth().oauth2(dialler).contentType(ContentType.JSON)
                .body("{\"leadId\": 99999999, \"phoneIndex\": 1, \"dialStatusId\": 2}").post("/api/v1/dialler/attempts")
                .then().statusCode(404);
        given().auth().oauth2(dialler).contentType(ContentType.JSON).body("{\"max\": 0}")
                .post("/api/v1/dialler/campaigns/2/claims").then().statusCode(400);
        given().auth().oauth2(dialler).contentType(ContentType.JSON).body("{\"leaseSeconds\": 99999}")
                .post("/api/v1/dialler/campaigns/2/claims").then().statusCode(400);
        given().auth().oauth2(dialler).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/dialler/campaigns/404/claims").then().statusCode(404);
    }

    @Test
    void shouldListAttemptsByEveryFilter() {
        long a = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000601\"}");
        long b = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000602\"}");
        JsonPath leased = claim(2);
        Set<Long> attempts = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            attempts.add(given().auth().oauth2(dialler).contentType(ContentType.JSON)
                    .body("{\"leadId\": " + leased.getLong("items[" + i + "].leadId") + ", \"leaseId\": \""
                            + leased.getString("items[" + i + "].leaseId")
                            + "\", \"phoneIndex\": 1, \"dialStatusId\": 2," + " \"startedAt\": \"2026-11-2" + (i + 1)
                            + "T10:00:00Z\"}")
                    .post("/api/v1/dialler/attempts").then().statusCode(201).extract().jsonPath().getLong("attemptId"));
        }
        assertThat(attemptIds("campaignId", 2)).containsExactlyInAnyOrderElementsOf(attempts);
        assertThat(attemptIds("leadId", a)).hasSize(1);
        assertThat(attemptIds("leadId", b)).hasSize(1);
        assertThat(attemptIds("dialledTimestampFrom", "2026-11-22T00:00:00Z")).hasSize(1);
        assertThat(attemptIds("dialledTimestampTo", "2026-11-22T00:00:00Z")).hasSize(1);
        given().auth().oauth2(platform).queryParam("limit", 1).get("/platform-api/v3.0/dialler").then().statusCode(200)
                .body("items", hasSize(1)).body("metadata.nextCursor", notNullValue());
        given().auth().oauth2(platform).queryParam("dialledTimestampFrom", "x").get("/platform-api/v3.0/dialler").then()
                .statusCode(400);
        given().auth().oauth2(platform).get("/platform-api/v3.0/dialler/987654321").then().statusCode(404);
    }

    private List<Long> attemptIds(String filter, Object value) {
        return given().auth().oauth2(platform).queryParam(filter, value).get("/platform-api/v3.0/dialler").then()
                .statusCode(200).extract().jsonPath().getList("items.attemptId", Long.class);
    }

    @Test
    void shouldShowAndSetACampaignsDiallingPolicy() {
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"callingWindowStart\": \"09:30\", \"callingWindowEnd\": \"20:00\", \"retryMinutes\": 15,"
                        + " \"maxAttempts\": 2, \"completingStatusIds\": [1, 7], \"outcomeType\": \"progressive\"}")
                .put("/api/v1/dialler/campaigns/2/policy").then().statusCode(200)
                .body("callingWindowStart", equalTo("09:30")).body("retryMinutes", equalTo(15))
                .body("completingStatusIds", hasSize(2));
        given().auth().oauth2(admin).get("/api/v1/dialler/campaigns/2/policy").then().statusCode(200)
                .body("callingWindowEnd", equalTo("20:00")).body("maxAttempts", equalTo(2))
                .body("outcomeType", equalTo("progressive"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"callingWindowStart\": \"8 o'clock\"}")
                .put("/api/v1/dialler/campaigns/2/policy").then().statusCode(400);
        given().auth().oauth2(admin).get("/api/v1/dialler/campaigns/404/policy").then().statusCode(404);
    }

    @Test
    void shouldAnswer401WithoutATokenAnd403WithoutTheScope() {
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/dialler/campaigns/2/claims").then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(platform).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/dialler/campaigns/2/claims").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/dialler/attempts").then().statusCode(401);
        given().auth().oauth2(platform).contentType(ContentType.JSON).body("{}").post("/api/v1/dialler/attempts").then()
                .statusCode(403);
        given().get("/platform-api/v3.0/dialler").then().statusCode(401);
        given().auth().oauth2(dialler).get("/platform-api/v3.0/dialler").then().statusCode(403);
        given().get("/platform-api/v3.0/dialler/1").then().statusCode(401);
        given().auth().oauth2(dialler).get("/platform-api/v3.0/dialler/1").then().statusCode(403);
        given().get("/api/v1/do-not-call").then().statusCode(401);
        given().auth().oauth2(dialler).get("/api/v1/do-not-call").then().statusCode(403);
        given().auth().oauth2(dialler).contentType(ContentType.JSON).body("{\"phoneNumber\": \"+447400000999\"}")
                .post("/api/v1/do-not-call").then().statusCode(403);
        given().auth().oauth2(dialler).delete("/api/v1/do-not-call/+447400000999").then().statusCode(403);
        given().get("/api/v1/dialler/campaigns/2/policy").then().statusCode(401);
        given().auth().oauth2(dialler).get("/api/v1/dialler/campaigns/2/policy").then().statusCode(403);
        given().auth().oauth2(dialler).contentType(ContentType.JSON).body("{}")
                .put("/api/v1/dialler/campaigns/2/policy").then().statusCode(403);
    }
}
