package io.switchboard.callback.dialler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class DiallerLifecycleTest {

    private static final String TENANT = TestFixtures.newTenant();
    private static final String DEFAULT_NUMBER = "+447400123456";
    private static final String TOPIC = "switchboard.callback-events";
    private static final AtomicLong QUEUES = new AtomicLong(100);

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** A queue of its own for each test, so tests never claim each other's callbacks. */
    private long queue(int retryMaxAttempts, int retryIntervalSeconds) {
        long id = QUEUES.incrementAndGet();
        DiallerFixtures.queue(pool, TENANT, id, retryMaxAttempts, retryIntervalSeconds);
        return id;
    }

    private String due(long queue, String state) {
        return DiallerFixtures.callback(pool, TENANT, queue, state, OffsetDateTime.now().minusMinutes(1),
                DEFAULT_NUMBER, "Ada Lovelace", "order 42");
    }

    private static ValidatableResponse claim(String tenant, long queue, String body) {
        return given().auth().oauth2(TestTokens.token(tenant, DiallerResource.SCOPE)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/dialler/service-queues/{queue}/claims", queue).then();
    }

    private static ValidatableResponse claim(long queue, String body) {
        return claim(TENANT, queue, body);
    }

    private static ValidatableResponse report(String code, String status, String leaseId) {
        String body = leaseId == null ? "{\"status\": \"" + status + "\"}"
                : "{\"status\": \"" + status + "\", \"leaseId\": \"" + leaseId + "\"}";
        return given().auth().oauth2(TestTokens.token(TENANT, DiallerResource.SCOPE)).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/dialler/callbacks/{code}/events", code).then();
    }

    private List<JsonNode> events(String code, int count) {
        return KafkaTopics.awaitRecords(TOPIC, r -> code.equals(r.key()), count, Duration.ofSeconds(20)).stream()
                .map(ConsumerRecord::value).map(this::json).toList();
    }

    private JsonNode json(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldClaimDueCallbacksOldestFirstWithWhatADiallerNeeds() {
        long queue = queue(3, 600);
        String older = DiallerFixtures.callback(pool, TENANT, queue, "SCHEDULED", OffsetDateTime.now().minusHours(1),
                DEFAULT_NUMBER, "Ada Lovelace", "order 42");
        String newer = due(queue, "PENDING");
        DiallerFixtures.callback(pool, TENANT, queue, "SCHEDULED", OffsetDateTime.now().plusHours(1), DEFAULT_NUMBER,
                "Not yet", null);

        claim(queue, "{\"max\": 5, \"leaseSeconds\": 60, \"diallerId\": \"dialler-a\"}").statusCode(200)
                .body("items", hasSize(2)).body("items[0].confirmationCode", equalTo(older))
                .body("items[1].confirmationCode", equalTo(newer)).body("items[0].serviceQueue", equalTo((int) queue))
                .body("items[0].callType", equalTo(2)).body("items[0].name", equalTo("Ada Lovelace"))
                .body("items[0].phoneNo", equalTo(DEFAULT_NUMBER)).body("items[0].fields", equalTo(List.of("order 42")))
                .body("items[0].state", equalTo("CLAIMED")).body("items[0].attempt", equalTo(1))
                .body("items[0].retries", equalTo(0)).body("items[0].leaseId", notNullValue())
                .body("items[0].leaseHolder", equalTo("dialler-a")).body("items[0].leaseExpiresAt", notNullValue())
                .body("items[0].dueAt", notNullValue()).body("items[0].scheduledFor", notNullValue());

        claim(queue, "{\"max\": 5}").statusCode(200).body("items", empty());
    }

    @Test
    void shouldPublishAClaimedEvent() {
        long queue = queue(3, 600);
        String code = due(queue, "PENDING");
        claim(queue, "{\"diallerId\": \"dialler-k\"}").statusCode(200).body("items", hasSize(1));

        JsonNode event = events(code, 1).get(0);
        assertThat(event.path("type").asText()).isEqualTo("switchboard.callback.claimed");
        assertThat(event.path("tenantid").asText()).isEqualTo(TENANT);
        assertThat(event.path("data").path("state").asText()).isEqualTo("CLAIMED");
        assertThat(event.path("data").path("attempt").asInt()).isEqualTo(1);
        assertThat(event.path("data").path("leaseHolder").asText()).isEqualTo("dialler-k");
    }

    @Test
    void shouldLetOnlyTheLeaseHolderReportWhileTheLeaseLives() {
        long queue = queue(3, 600);
        String code = due(queue, "PENDING");
        String lease = claim(queue, "{}").statusCode(200).extract().path("items[0].leaseId");

        report(code, "CallingUser", null).statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("detail", containsString("only the lease holder may report"));
        report(code, "CallingUser", "00000000-0000-0000-0000-000000000001").statusCode(409).body("detail",
                containsString("does not hold callback"));
        report(code, "CallingUser", "not-a-uuid").statusCode(400).contentType("application/problem+json").body("detail",
                containsString("leaseId"));
        report(code, "CallingUser", lease).statusCode(200).body("status", equalTo("CallingUser")).body("state",
                equalTo("IN_PROGRESS"));
    }

    @Test
    void shouldMakeACallbackDueAgainWhenItsLeaseRunsOut() {
        long queue = queue(3, 600);
        String code = due(queue, "PENDING");
        String first = claim(queue, "{\"diallerId\": \"dialler-a\"}").extract().path("items[0].leaseId");
        report(code, "CallingUser", first).statusCode(200);
        claim(queue, "{}").body("items", empty());

        DiallerFixtures.expireLease(pool, code);

        String second = claim(queue, "{\"diallerId\": \"dialler-b\"}").statusCode(200).body("items", hasSize(1))
                .body("items[0].confirmationCode", equalTo(code)).body("items[0].leaseHolder", equalTo("dialler-b"))
                .body("items[0].attempt", equalTo(1)).extract().path("items[0].leaseId");
        assertThat(second).isNotEqualTo(first);
        report(code, "UserConnected", first).statusCode(409).body("detail", containsString("does not hold"));
        // the new holder starts the attempt afresh
        report(code, "CallingUser", second).statusCode(200);
    }

    @Test
    void shouldAnnounceALapsedLeaseAsDue() {
        long queue = queue(3, 600);
        String code = due(queue, "PENDING");
        claim(queue, "{}").statusCode(200).body("items", hasSize(1));
        DiallerFixtures.expireLease(pool, code);

        JsonNode due = KafkaTopics.awaitRecords(TOPIC, r -> code.equals(r.key()) && r.value().contains(".due\""), 1,
                Duration.ofSeconds(20)).stream().map(r -> json(r.value())).findFirst().orElseThrow();
        assertThat(due.path("data").path("reason").asText()).isEqualTo("lease-expired");
        assertThat(due.path("data").path("state").asText()).isEqualTo("CLAIMED");
    }

    @Test
    void shouldReplayARetriedClaimOrReportWithTheSameIdempotencyKeyInsteadOfRepeatingIt() {
        long queue = queue(3, 0);
        String first = due(queue, "PENDING");
        due(queue, "PENDING");
        String token = TestTokens.token(TENANT, DiallerResource.SCOPE);

        String lease = given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "claim-1")
                .body("{\"max\": 1}").when().post("/api/v1/dialler/service-queues/{queue}/claims", queue).then()
                .statusCode(200).body("items.confirmationCode", contains(first)).extract().path("items[0].leaseId");
        // The dialler timed out and asks again with the same key: the same callback, not the next one.
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "claim-1")
                .body("{\"max\": 1}").when().post("/api/v1/dialler/service-queues/{queue}/claims", queue).then()
                .statusCode(200).header("Idempotent-Replayed", "true").body("items.confirmationCode", contains(first))
                .body("items[0].leaseId", equalTo(lease));

        report(first, "CallingUser", lease).statusCode(200);
        String failed = "{\"status\": \"CallingUserFailed\", \"leaseId\": \"" + lease + "\"}";
        for (int attempt = 0; attempt < 2; attempt++) {
            given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", "fail-" + first)
                    .body(failed).when().post("/api/v1/dialler/callbacks/{code}/events", first).then().statusCode(200)
                    .body("state", equalTo("RESCHEDULED")).body("retries", equalTo(1));
        }
    }

    @Test
    void shouldRescheduleAnUnreachedCustomerByTheQueuePolicyThenFail() {
        long queue = queue(2, 0);
        String code = due(queue, "PENDING");

        String lease = claim(queue, "{}").extract().path("items[0].leaseId");
        report(code, "CallingUser", lease).statusCode(200);
        report(code, "CallingUserFailed", lease).statusCode(200).body("status", equalTo("Rescheduled"))
                .body("state", equalTo("RESCHEDULED")).body("retries", equalTo(1));
        report(code, "CallingUser", lease).statusCode(409).body("detail", containsString("lease has ended"));

        String again = claim(queue, "{}").statusCode(200).body("items[0].confirmationCode", equalTo(code))
                .body("items[0].attempt", equalTo(2)).body("items[0].retries", equalTo(1)).extract()
                .path("items[0].leaseId");
        report(code, "CallingUser", again).statusCode(200);
        report(code, "CallingUserFailed", again).statusCode(200).body("status", equalTo("CallFailed"))
                .body("state", equalTo("FAILED")).body("retries", equalTo(2));
        claim(queue, "{}").body("items", empty());

        List<JsonNode> statusEvents = events(code, 8).stream()
                .filter(e -> e.path("type").asText().endsWith("status-changed")).toList();
        assertThat(statusEvents).extracting(e -> e.path("data").path("status").asText()).containsExactly("CallingUser",
                "CallingUserFailed", "Rescheduled", "CallingUser", "CallingUserFailed", "CallFailed");
        assertThat(statusEvents).extracting(e -> e.path("data").path("attempt").asInt()).containsExactly(1, 1, 1, 2, 2,
                2);
        assertThat(statusEvents.get(2).path("data").path("state").asText()).isEqualTo("RESCHEDULED");
        assertThat(statusEvents.get(2).path("data").path("dueAt").isTextual()).isTrue();
        assertThat(statusEvents.get(5).path("data").path("retries").asInt()).isEqualTo(2);
    }

    @Test
    void shouldRescheduleAfterTheQueueIntervalAndAnnounceItWhenDue() throws Exception {
        long queue = queue(3, 600);
        String code = due(queue, "PENDING");
        String lease = claim(queue, "{}").extract().path("items[0].leaseId");
        report(code, "CallingUser", lease).statusCode(200);
        OffsetDateTime before = OffsetDateTime.now();
        report(code, "CallingUserFailed", lease).statusCode(200).body("state", equalTo("RESCHEDULED"));

        OffsetDateTime dueAt = pool.preparedQuery("SELECT due_at FROM callback WHERE confirmation_code = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(code)).await().indefinitely().iterator().next()
                .getOffsetDateTime("due_at");
        assertThat(dueAt).isBetween(before.plusSeconds(599), OffsetDateTime.now().plusSeconds(601));
        claim(queue, "{}").body("items", empty());

        // time passes: the rescheduled callback is due, announced on Kafka and claimable again
        pool.preparedQuery("UPDATE callback SET due_at = now() - interval '1 second' WHERE confirmation_code = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(code)).await().indefinitely();
        JsonNode due = KafkaTopics.awaitRecords(TOPIC, r -> code.equals(r.key()) && r.value().contains(".due\""), 1,
                Duration.ofSeconds(20)).stream().map(r -> json(r.value())).findFirst().orElseThrow();
        assertThat(due.path("data").path("reason").asText()).isEqualTo("rescheduled");
        assertThat(due.path("data").path("attempt").asInt()).isEqualTo(2);
        assertThat(due.path("data").path("phoneNumber").asText()).isEqualTo(DEFAULT_NUMBER);
        claim(queue, "{}").body("items[0].confirmationCode", equalTo(code)).body("items[0].attempt", equalTo(2));
    }

    @Test
    void shouldAnnounceAScheduledCallbackOnceWhenItBecomesDue() {
        long queue = queue(3, 600);
        String code = DiallerFixtures.callback(pool, TENANT, queue, "SCHEDULED", OffsetDateTime.now().minusSeconds(1),
                "+353851234567", "Grace Hopper", null);

        JsonNode due = KafkaTopics.awaitRecords(TOPIC, r -> code.equals(r.key()), 1, Duration.ofSeconds(20)).stream()
                .map(r -> json(r.value())).findFirst().orElseThrow();
        assertThat(due.path("type").asText()).isEqualTo("switchboard.callback.due");
        assertThat(due.path("subject").asText()).isEqualTo(code);
        assertThat(due.path("tenantid").asText()).isEqualTo(TENANT);
        JsonNode data = due.path("data");
        assertThat(data.path("reason").asText()).isEqualTo("scheduled");
        assertThat(data.path("serviceQueue").asLong()).isEqualTo(queue);
        assertThat(data.path("callType").asInt()).isEqualTo(2);
        assertThat(data.path("phoneNumber").asText()).isEqualTo("+353851234567");
        assertThat(data.path("customerName").asText()).isEqualTo("Grace Hopper");
        assertThat(data.path("state").asText()).isEqualTo("SCHEDULED");
        assertThat(data.path("attempt").asInt()).isEqualTo(1);

        // one announcement per due moment, however many runs and replicas look
        claim(queue, "{}").body("items", hasSize(1));
        assertThat(KafkaTopics.awaitRecords(TOPIC, r -> code.equals(r.key()), 2, Duration.ofSeconds(20)))
                .extracting(r -> json(r.value()).path("type").asText())
                .containsExactly("switchboard.callback.due", "switchboard.callback.claimed");
    }

    @Test
    void shouldRejectImpossibleTransitionsWith409() {
        long queue = queue(3, 600);
        String code = due(queue, "PENDING");
        report(code, "UserConnected", null).statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("Conflict")).body("detail", containsString("CallingUser, CallFailed"));
        report(code, "Rescheduled", null).statusCode(409).body("detail",
                containsString("Rescheduled is decided by the service"));
        report(code, "CallingUser", null).statusCode(200);
        report(code, "CallingUser", null).statusCode(200).body("status", equalTo("CallingUser"));
        report(code, "CallingAgent", null).statusCode(409).body("detail", containsString("after CallingUser"));
        report(code, "UserConnected", null).statusCode(200);
        report(code, "CallingAgent", null).statusCode(200);
        report(code, "AgentConnected", null).statusCode(200);
        report(code, "CallAccepted", null).statusCode(200);
        report(code, "CallSucceeded", null).statusCode(200).body("state", equalTo("SUCCEEDED"));
        report(code, "CallSucceeded", null).statusCode(200).body("state", equalTo("SUCCEEDED"));
        report(code, "CallFailed", null).statusCode(409).body("detail", containsString("already SUCCEEDED"));
    }

    @Test
    void shouldAnswer400ForClaimsOutOfBoundsAnd404ForAnUnknownQueue() {
        long queue = queue(3, 600);
        for (String body : new String[] { "{\"max\": 0}", "{\"max\": 51}", "{\"leaseSeconds\": 0}",
                "{\"leaseSeconds\": 3601}", "{\"max\": \"many\"}" }) {
            claim(queue, body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        claim(queue, "{\"max\": 0}").body("detail", equalTo("max must be between 1 and 50, not 0."));
        claim(99999, "{}").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldAnswer401WithoutAValidTokenAnd403WithoutTheDiallerScope() {
        long queue = queue(3, 600);
        given().contentType(ContentType.JSON).body("{}").when()
                .post("/api/v1/dialler/service-queues/{queue}/claims", queue).then().statusCode(401)
                .contentType("application/problem+json");
        for (String bad : new String[] { TestTokens.expired(TENANT, DiallerResource.SCOPE),
                TestTokens.signedByStranger(TENANT, DiallerResource.SCOPE), "not-a-jwt" }) {
            given().auth().oauth2(bad).contentType(ContentType.JSON).body("{}").when()
                    .post("/api/v1/dialler/service-queues/{queue}/claims", queue).then().statusCode(401);
        }
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/dialler/service-queues/{queue}/claims", queue).then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void shouldNeverLetADiallerClaimAnotherTenantsCallbacks() {
        long queue = queue(3, 600);
        String code = due(queue, "PENDING");
        String stranger = TestFixtures.newTenant();
        DiallerFixtures.queue(pool, stranger, queue, 3, 600);

        claim(stranger, queue, "{\"max\": 50}").statusCode(200).body("items", empty());
        claim(queue, "{}").body("items[0].confirmationCode", equalTo(code));
    }
}
