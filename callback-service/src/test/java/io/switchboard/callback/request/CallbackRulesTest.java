package io.switchboard.callback.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.callback.TestFixtures;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/** The intake rules of the unified Callback API, each with its own 400, and GET/PATCH/DELETE by code. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CallbackRulesTest {

    private static final String TENANT = TestFixtures.newTenant();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate TOMORROW = LocalDate.now(LONDON).plusDays(1);
    private static final String TOPIC = "switchboard.callback-events";

    @Inject
    ObjectMapper mapper;

    private static boolean queuesCreated;

    @BeforeEach
    void queues() {
        if (queuesCreated) {
            return;
        }
        queuesCreated = true;
        queue("{\"id\": 1, \"name\": \"Open\", \"timeZone\": \"Europe/London\"}");
        queue("{\"id\": 2, \"name\": \"Closed\", \"timeZone\": \"Europe/London\", \"openingHours\": [],"
                + " \"blackList\": [\"+447400666666\"]}");
        queue("{\"id\": 3, \"name\": \"Scheduled\", \"timeZone\": \"Europe/London\","
                + " \"timeslots\": {\"lengthMinutes\": 30, \"capacity\": 1}," + " \"holidays\": [{\"date\": \""
                + TOMORROW.plusDays(1) + "\", \"name\": \"Bank holiday\"}]}");
        queue("{\"id\": 4, \"name\": \"Listed\", \"timeZone\": \"Europe/London\","
                + " \"whiteList\": [\"+44740*\", \"+353851234567\"], \"blackList\": [\"+447400666666\"]}");
    }

    private static void queue(String definition) {
        given().auth().oauth2(TestTokens.token(TENANT, "switchboard.admin")).contentType(ContentType.JSON)
                .body(definition).when().post("/api/v1/service-queues").then().statusCode(201);
    }

    private static ValidatableResponse post(String body) {
        return given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/callbacks").then();
    }

    private static ValidatableResponse get(String code) {
        return given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).when()
                .get("/api/v1/callbacks/{code}", code).then();
    }

    private static ValidatableResponse patch(String code, String body) {
        return given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body(body).when().patch("/api/v1/callbacks/{code}", code).then();
    }

    private static ValidatableResponse delete(String code) {
        return given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).when()
                .delete("/api/v1/callbacks/{code}", code).then();
    }

    private static String whenAvailable(String number, int queue) {
        return "{\"phoneNo\": \"" + number + "\", \"serviceQueue\": " + queue + ", \"callType\": 1}";
    }

    private static String scheduled(String number, int slot, Object date) {
        return "{\"name\": \"Ada\", \"phoneNo\": \"" + number + "\", \"serviceQueue\": 3, \"callType\": 2,"
                + " \"timeslot\": " + slot + ", \"date\": \"" + date + "\"}";
    }

    private static void rejected(ValidatableResponse response, String slug, String message) {
        response.statusCode(400).contentType("application/problem+json").body("title", equalTo("Bad Request"))
                .body("type", equalTo("https://switchboard.io/problems/" + slug))
                .body("detail", containsString(message));
    }

    @Test
    void shouldScheduleIntoASlotWithDueTimeAndPinAndRefuseItWhenFull() {
        String code = post(scheduled("+447400100001", 20, TOMORROW)).statusCode(201).extract().path("confirmationCode");
        Instant slotStart = TOMORROW.atTime(9, 30).atZone(LONDON).toInstant();
        var view = get(code).statusCode(200).body("state", equalTo("SCHEDULED")).body("callType", equalTo(2))
                .body("timeslot", equalTo(20)).body("pin", matchesPattern("\\d{6}")).extract();
        assertThat(OffsetDateTime.parse(view.path("scheduledFor")).toInstant()).isEqualTo(slotStart);
        assertThat(OffsetDateTime.parse(view.path("dueAt")).toInstant()).isEqualTo(slotStart);

        rejected(post(scheduled("+447400100002", 20, TOMORROW + " 00:00:00")), "slot-unavailable", "is full");
        post(scheduled("+447400100002", 21, TOMORROW)).statusCode(201);
    }

    @Test
    void shouldGiveTheLastPlaceOfASlotToExactlyOneOfManyConcurrentRequests() throws Exception {
        List<java.util.concurrent.Callable<Integer>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String number = "+44740030000" + i;
            requests.add(() -> post(scheduled(number, 40, TOMORROW)).extract().statusCode());
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var result : pool.invokeAll(requests)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201, 400).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseASlotThatIsPastClosedOrNotInTheTemplate() {
        String message = "The requested timeslot is closed, full or already past.";
        rejected(post(scheduled("+447400100003", 20, TOMORROW.minusDays(2))), "slot-unavailable", message);
        rejected(post(scheduled("+447400100003", 20, TOMORROW.plusDays(1))), "slot-unavailable", message);
        rejected(post(scheduled("+447400100003", 0, TOMORROW)), "slot-unavailable", message);
        rejected(post(scheduled("+447400100003", 49, TOMORROW)), "slot-unavailable", message);
        rejected(post(scheduled("+447400100003", 20, "11/04/2027")), "invalid-parameters", "date must be");
    }

    @Test
    void shouldTakeACallWhenAvailableDueNowWithAPin() {
        Instant before = Instant.now();
        String code = post(whenAvailable("+447400100004", 1)).statusCode(201).extract().path("confirmationCode");
        var view = get(code).statusCode(200).body("state", equalTo("PENDING")).body("timeslot", nullValue())
                .body("scheduledFor", nullValue()).body("pin", matchesPattern("\\d{6}")).extract();
        assertThat(OffsetDateTime.parse(view.path("dueAt")).toInstant()).isBetween(before.minusSeconds(1),
                Instant.now());
    }

    @Test
    void shouldRefuseOutOfHoursBeforeLookingAtTheLists() {
        rejected(post(whenAvailable("+447400100005", 2)), "out-of-hours",
                "The service queue is closed at this time (out of hours).");
        rejected(post(whenAvailable("+447400666666", 2)), "out-of-hours", "out of hours");
    }

    @Test
    void shouldApplyTheBlackListFirstAndThenTheWhiteList() {
        rejected(post(whenAvailable("+447400666666", 4)), "black-listed",
                "The phone number is in the service queue's black list.");
        rejected(post(whenAvailable("+447911123457", 4)), "not-white-listed",
                "The phone number is not in the service queue's white list.");
        post(whenAvailable("+447400100006", 4)).statusCode(201);
        post(whenAvailable("+353851234567", 4)).statusCode(201);
        rejected(post("{\"phoneNo\": \"07911 123456\", \"region\": \"GB\", \"serviceQueue\": 4, \"callType\": 1}"),
                "not-white-listed", "white list");
    }

    @Test
    void shouldAnswerARepeatRequestWithTheWaitingCallbackWithoutASecondEvent() throws Exception {
        String code = post(whenAvailable("+447400100007", 1)).statusCode(201).extract().path("confirmationCode");
        post(whenAvailable("07400 100007\", \"region\": \"GB", 1)).statusCode(200)
                .header("Location", containsString("/api/v1/callbacks/" + code))
                .body("confirmationCode", equalTo(code));
        delete(code).statusCode(204);

        List<ConsumerRecord<String, String>> events = KafkaTopics.awaitRecords(TOPIC, r -> code.equals(r.key()), 2,
                Duration.ofSeconds(20));
        assertThat(events).extracting(r -> type(r)).containsExactly("switchboard.callback.requested",
                "switchboard.callback.cancelled");
        JsonNode cancelled = mapper.readTree(events.get(1).value());
        assertThat(cancelled.path("data").path("state").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("tenantid").asText()).isEqualTo(TENANT);

        String again = post(whenAvailable("+447400100007", 1)).statusCode(201).extract().path("confirmationCode");
        assertThat(again).isNotEqualTo(code);
    }

    @Test
    void shouldAmendNumberNameAndFieldsUnderTheSameRules() throws Exception {
        String code = post(whenAvailable("+447400100008", 4)).statusCode(201).extract().path("confirmationCode");
        patch(code,
                "{\"name\": \"Grace\", \"phoneNo\": \"07400 100009\", \"region\": \"GB\", \"fields\": [\"a\", \"b\"]}")
                        .statusCode(200).body("confirmationCode", equalTo(code)).body("name", equalTo("Grace"))
                        .body("phoneNo", equalTo("+447400100009")).body("fields", equalTo(List.of("a", "b")))
                        .body("state", equalTo("PENDING"));
        rejected(patch(code, "{\"phoneNo\": \"+447400666666\"}"), "black-listed", "black list");
        rejected(patch(code, "{\"phoneNo\": \"12\", \"region\": \"GB\"}"), "invalid-phone-number",
                "cannot be formatted");
        rejected(patch(code, "{\"timeslot\": 3}"), "invalid-parameters", "Only a scheduled callback");
        get(code).body("phoneNo", equalTo("+447400100009"));

        ConsumerRecord<String, String> amended = KafkaTopics.awaitRecord(TOPIC,
                r -> code.equals(r.key()) && type(r).equals("switchboard.callback.amended"), Duration.ofSeconds(20));
        JsonNode data = mapper.readTree(amended.value()).path("data");
        assertThat(data.path("phoneNumber").asText()).isEqualTo("+447400100009");
        assertThat(data.path("customerName").asText()).isEqualTo("Grace");
        assertThat(data.path("fields").toString()).isEqualTo("[\"a\",\"b\"]");
    }

    @Test
    void shouldMoveAScheduledCallbackToAnotherSlot() {
        String code = post(scheduled("+447400100010", 30, TOMORROW)).statusCode(201).extract().path("confirmationCode");
        var view = patch(code, "{\"timeslot\": 31}").statusCode(200).body("timeslot", equalTo(31)).extract();
        assertThat(OffsetDateTime.parse(view.path("dueAt")).toInstant())
                .isEqualTo(TOMORROW.atTime(15, 0).atZone(LONDON).toInstant());
        rejected(patch(code, "{\"timeslot\": 31, \"date\": \"" + TOMORROW.plusDays(1) + "\"}"), "slot-unavailable",
                "timeslot");
        // Slot 30 is free again: the move gave its place back.
        post(scheduled("+447400100011", 30, TOMORROW)).statusCode(201);
    }

    @Test
    void shouldCancelOnceAndThenRefuseChanges() {
        String code = post(whenAvailable("+447400100012", 1)).statusCode(201).extract().path("confirmationCode");
        delete(code).statusCode(204);
        get(code).statusCode(200).body("state", equalTo("CANCELLED"));
        delete(code).statusCode(204);
        patch(code, "{\"name\": \"Late\"}").statusCode(409).contentType("application/problem+json").body("detail",
                containsString("CANCELLED"));
        delete("NOSUCHCODE").statusCode(404).contentType("application/problem+json");
        patch("NOSUCHCODE", "{\"name\": \"x\"}").statusCode(404);
    }

    @Test
    void shouldReplayAnIdempotentRequestAndRefuseTheKeyForAnotherRequest() {
        String body = whenAvailable("+447400100013", 1);
        String code = given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback"))
                .header("Idempotency-Key", "cb-13").contentType(ContentType.JSON).body(body).when()
                .post("/api/v1/callbacks").then().statusCode(201).extract().path("confirmationCode");
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).header("Idempotency-Key", "cb-13")
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/callbacks").then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Location", containsString(code))
                .body("confirmationCode", equalTo(code));
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).header("Idempotency-Key", "cb-13")
                .contentType(ContentType.JSON).body(whenAvailable("+447400100014", 1)).when().post("/api/v1/callbacks")
                .then().statusCode(422).contentType("application/problem+json");
        // Keys are per tenant: another tenant's same key is a new request.
        String other = TestFixtures.newTenant();
        given().auth().oauth2(TestTokens.token(other, "switchboard.admin")).contentType(ContentType.JSON)
                .body("{\"id\": 1, \"name\": \"Open\", \"timeZone\": \"UTC\"}").when().post("/api/v1/service-queues")
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.token(other, "buzzeasy.callback")).header("Idempotency-Key", "cb-13")
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/callbacks").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue());
    }

    @Test
    void shouldNotLetAnotherTenantAmendOrCancel() {
        String code = post(whenAvailable("+447400100015", 1)).statusCode(201).extract().path("confirmationCode");
        String stranger = TestTokens.token(TestFixtures.newTenant(), "buzzeasy.callback");
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"name\": \"x\"}").when()
                .patch("/api/v1/callbacks/{code}", code).then().statusCode(404);
        given().auth().oauth2(stranger).when().delete("/api/v1/callbacks/{code}", code).then().statusCode(404);
        given().when().delete("/api/v1/callbacks/{code}", code).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").when().patch("/api/v1/callbacks/{code}", code).then()
                .statusCode(401);
        get(code).body("state", equalTo("PENDING")).body("name", nullValue());
    }

    private String type(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value()).path("type").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
