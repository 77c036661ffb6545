package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * A scripted sequence of queue events, through the API and through Kafka, and every field of the statistics, the EWT
 * and its accuracy that follows from it.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class QueueStatisticsTest {

    private static final String TENANT = TestFixtures.newTenant();
    private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

    @Inject
    ObjectMapper mapper;

    private static ValidatableResponse event(String eventId, String type, String callId, OffsetDateTime at) {
        return event(1, eventId, type, callId, at);
    }

    private static ValidatableResponse event(long campaignId, String eventId, String type, String callId,
            OffsetDateTime at) {
        return given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).contentType(ContentType.JSON)
                .body("{\"eventId\": \"" + eventId + "\", \"type\": \"" + type + "\", \"campaignId\": " + campaignId
                        + ", \"callId\": \"" + callId + "\", \"occurredAt\": \"" + at + "\"}")
                .when().post("/api/v1/queue-events").then();
    }

    private static ValidatableResponse statistics(String period) {
        return given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.PLATFORM)).when()
                .get("/platform-api/v3.0/campaigns/1/statistics" + (period == null ? "" : "?period=" + period)).then()
                .statusCode(200);
    }

    /** A start that leaves a minute of events inside the current hour (and so the current day) in Sydney. */
    private static OffsetDateTime scriptStart() {
        OffsetDateTime now = OffsetDateTime.now(SYDNEY);
        OffsetDateTime hourStart = now.truncatedTo(ChronoUnit.HOURS);
        return now.minusSeconds(90).isAfter(hourStart) ? now.minusSeconds(90) : hourStart.plusSeconds(1);
    }

    @Test
    void shouldKeepStatisticsEwtAndAccuracyRightThroughAScriptedDay() throws Exception {
        TestFixtures.campaign(TENANT, 1, "Support Inbound", "INBOUND", "Australia/Sydney");
        TestFixtures.serviceQueue(TENANT, 1);
        TestFixtures.user(TENANT, 11, "Ada", "agent", true, 1L);
        TestFixtures.user(TENANT, 12, "Bob", "agent", true, 1L);
        TestFixtures.user(TENANT, 13, "Cy", "agent", true, 1L);
        for (long agent : new long[] { 11, 12 }) {
            given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.PLATFORM)).contentType(ContentType.JSON)
                    .body("{\"agentId\": " + agent + ", \"available\": true}").when()
                    .put("/platform-api/v3.0/availability").then().statusCode(200);
        }
        OffsetDateTime t0 = scriptStart().truncatedTo(ChronoUnit.SECONDS);

        // Two agents, mu not learnt yet (5 min handling): A waits behind nobody, B behind A.
        event("e1", "call-entered-queue", "A", t0).statusCode(200).body("duplicate", equalTo(false))
                .body("callsWaiting", equalTo(1)).body("quotedEwtSeconds", equalTo(150));
        event("e2", "call-entered-queue", "B", t0.plusSeconds(5)).statusCode(200).body("callsWaiting", equalTo(2))
                .body("quotedEwtSeconds", equalTo(300));
        event("e3", "call-abandoned-in-workflow", "C", t0.plusSeconds(8)).statusCode(200).body("callsWaiting",
                equalTo(2));
        event("e4", "call-answered", "A", t0.plusSeconds(12)).statusCode(200).body("callsWaiting", equalTo(1));
        event("e5", "call-abandoned-in-queue", "B", t0.plusSeconds(20)).statusCode(200).body("callsWaiting",
                equalTo(0));
        event("e6", "call-entered-queue", "D", t0.plusSeconds(25)).statusCode(200).body("callsWaiting", equalTo(1))
                .body("quotedEwtSeconds", equalTo(150));
        // A redelivered event changes nothing.
        event("e4", "call-answered", "A", t0.plusSeconds(12)).statusCode(200).body("duplicate", equalTo(true));

        for (String period : new String[] { null, "hour", "day", "DAY" }) {
            statistics(period).body("campaignId", equalTo(1)).body("campaignName", equalTo("Support Inbound"))
                    .body("maxCallWaitingTime", equalTo(15)).body("averageWaitingTime", equalTo(14))
                    .body("estimatedCallWaitingTime", equalTo(300)).body("agents.total", equalTo(3))
                    .body("agents.available", equalTo(2)).body("callsWaiting", equalTo(1))
                    .body("callsReceived", equalTo(4)).body("callsAbandonedInWorkflow", equalTo(1))
                    .body("callsAbandonedInQueue", equalTo(1))
                    .body("timestamp", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+1[01]:00"))
                    .body("timezone", equalTo("Australia/Sydney"));
        }

        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).when().get("/api/v1/service-queues/1/ewt")
                .then().statusCode(200).body("serviceQueue", equalTo(1)).body("ewtSeconds", equalTo(300))
                .body("lowerSeconds", equalTo(33)).body("upperSeconds", equalTo(835))
                .body("method", equalTo("QUEUE_LENGTH"))
                .body("basedOn", equalTo("1 callers ahead, 2 agents, mu 0.00333/s, theta 0.00000/s"))
                .body("callsWaiting", equalTo(1)).body("agentsAvailable", equalTo(2));

        // A was quoted 150 s and waited 12 s, inside its interval; B abandoned and is not compared.
        var accuracy = given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.ADMIN)).when()
                .get("/api/v1/service-queues/1/ewt/accuracy").then().statusCode(200).body("serviceQueue", equalTo(1))
                .body("samples", equalTo(1)).extract().jsonPath();
        assertThat(accuracy.getDouble("meanAbsoluteErrorSeconds")).isCloseTo(138.0, within(1e-3));
        assertThat(accuracy.getDouble("relativeSquaredError")).isCloseTo(138.0 * 138 / 144, within(1e-3));
        assertThat(accuracy.getDouble("intervalCoverage")).isEqualTo(1.0);

        // The same figures are exported as metrics for this queue (refreshed from the database every few seconds).
        String tags = "service_queue=\"1\",tenant=\"" + TENANT + "\"";
        await().atMost(Duration.ofSeconds(40)).untilAsserted(
                () -> assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                        .contains("switchboard_ewt_quotes_compared{" + tags + "} 1.0")
                        .contains("switchboard_ewt_mean_absolute_error_seconds{" + tags + "} 138.0")
                        .contains("switchboard_ewt_relative_squared_error{" + tags + "} 132.25")
                        .contains("switchboard_ewt_interval_coverage{" + tags + "} 1.0"));

        // The same events arrive from the ACD on Kafka: D answered after 10 s, then a duplicate, then E joins.
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record("k1", "call-answered", "D", t0.plusSeconds(35))).get();
            producer.send(record("k1", "call-answered", "D", t0.plusSeconds(35))).get();
            producer.send(record("k2", "call-entered-queue", "E", t0.plusSeconds(40))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> statistics("hour").body("callsReceived", equalTo(5)).body("callsWaiting", equalTo(1))
                        .body("maxCallWaitingTime", equalTo(15)).body("averageWaitingTime", equalTo(12)));

        // Every change of the EWT for a caller joining was announced, in order: each presence change and each event
        // that moved it (the workflow abandonment did not).
        var updates = KafkaTopics.awaitRecords("switchboard.ewt-updates", r -> (TENANT + ":1").equals(r.key()), 9,
                Duration.ofSeconds(20));
        List<Long> announced = new ArrayList<>();
        for (var update : updates) {
            JsonNode event = mapper.readTree(update.value());
            assertThat(event.path("type").asText()).isEqualTo("switchboard.ewt.updated");
            assertThat(event.path("tenantid").asText()).isEqualTo(TENANT);
            assertThat(event.path("subject").asText()).isEqualTo("1");
            assertThat(event.path("data").path("serviceQueue").asLong()).isEqualTo(1);
            assertThat(event.path("data").path("method").asText()).isEqualTo("QUEUE_LENGTH");
            announced.add(event.path("data").path("ewtSeconds").asLong());
        }
        assertThat(announced).containsExactly(300L, 150L, 300L, 450L, 300L, 150L, 300L, 150L, 300L);
    }

    @Test
    void shouldNotLearnAShortHandlingTimeFromCallsAnsweredAtOnce() {
        // A quiet queue: two agents free, 25 calls each answered a second after joining. No agent finished a call to
        // take them, so they say nothing about handling time: the estimate keeps the 5-minute default instead of
        // learning "two agents clear a call a second" and quoting the next caller nothing.
        TestFixtures.campaign(TENANT, 2, "Quiet", "INBOUND", "Europe/London");
        TestFixtures.serviceQueue(TENANT, 2);
        for (long agent : new long[] { 21, 22 }) {
            TestFixtures.user(TENANT, agent, "Agent " + agent, "agent", true, 2L);
            given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.PLATFORM)).contentType(ContentType.JSON)
                    .body("{\"agentId\": " + agent + ", \"available\": true}").when()
                    .put("/platform-api/v3.0/availability").then().statusCode(200);
        }
        OffsetDateTime t0 = OffsetDateTime.now().minusMinutes(30).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 25; i++) {
            OffsetDateTime joined = t0.plusSeconds(60L * i);
            event(2, "q-in-" + i, "call-entered-queue", "Q" + i, joined).statusCode(200);
            event(2, "q-ans-" + i, "call-answered", "Q" + i, joined.plusSeconds(1)).statusCode(200);
        }

        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).when().get("/api/v1/service-queues/2/ewt")
                .then().statusCode(200).body("method", equalTo("QUEUE_LENGTH")).body("ewtSeconds", equalTo(150))
                .body("basedOn", equalTo("0 callers ahead, 2 agents, mu 0.00333/s, theta 0.00000/s"));
    }

    @Test
    void shouldTakeAgentPresenceFromTheAcdOnKafka() throws Exception {
        TestFixtures.campaign(TENANT, 3, "Presence", "INBOUND", "Europe/London");
        TestFixtures.serviceQueue(TENANT, 3);
        TestFixtures.user(TENANT, 31, "Dee", "agent", true, 3L);
        TestFixtures.user(TENANT, 32, "Eve", "agent", true, 3L);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(presence("p1", 31, "agent-available")).get();
            producer.send(presence("p2", 32, "agent-available")).get();
            producer.send(presence("p3", 32, "agent-unavailable")).get();
        }
        // Each change is announced on switchboard.agent-events: once agent 32's two reports are, all three applied.
        KafkaTopics.awaitRecords("switchboard.agent-events", r -> isPresenceOf(r, 32), 2, Duration.ofSeconds(30));
        assertThat(KafkaTopics.awaitRecords("switchboard.agent-events", r -> isPresenceOf(r, 31), 1,
                Duration.ofSeconds(10))).hasSize(1);
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.PLATFORM)).when()
                .get("/platform-api/v3.0/campaigns/3/statistics").then().statusCode(200)
                .body("agents.total", equalTo(2)).body("agents.available", equalTo(1));

        // A report that changes nothing is not announced.
        for (String available : new String[] { "false", "true" }) {
            given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.PLATFORM)).contentType(ContentType.JSON)
                    .body("{\"agentId\": 32, \"available\": " + available + "}").when()
                    .put("/platform-api/v3.0/availability").then().statusCode(200);
        }
        var changes = KafkaTopics.awaitRecords("switchboard.agent-events", r -> isPresenceOf(r, 32), 3,
                Duration.ofSeconds(20));
        List<Boolean> announced = new ArrayList<>();
        for (var change : changes) {
            JsonNode event = mapper.readTree(change.value());
            assertThat(event.path("type").asText()).isEqualTo("switchboard.agent.presence-changed");
            assertThat(event.path("tenantid").asText()).isEqualTo(TENANT);
            assertThat(event.path("subject").asText()).isEqualTo("32");
            assertThat(event.path("data").path("agentId").asLong()).isEqualTo(32);
            assertThat(event.path("data").path("campaignId").asLong()).isEqualTo(3);
            announced.add(event.path("data").path("available").asBoolean());
        }
        assertThat(announced).containsExactly(true, false, true);
    }

    /** A presence change of the agent (user changes share the topic and the agent's key). */
    private static boolean isPresenceOf(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r,
            long agentId) {
        return (TENANT + ":" + agentId).equals(r.key()) && r.value().contains("\"switchboard.agent.presence-changed\"");
    }

    /** An agent's presence as the ACD reports it, keyed by agent so that one agent's changes stay in order. */
    private static ProducerRecord<String, String> presence(String id, long agentId, String type) {
        String value = "{\"specversion\": \"1.0\", \"id\": \"" + id + "\", \"source\": \"/acd\", \"type\":"
                + " \"switchboard.queue.event\", \"tenantid\": \"" + TENANT + "\", \"data\": {\"type\": \"" + type
                + "\", \"agentId\": " + agentId + "}}";
        return new ProducerRecord<>("switchboard.queue-events", TENANT + ":agent:" + agentId, value);
    }

    @Test
    void shouldRejectEventsItCannotApply() {
        TestFixtures.campaign(TENANT, 5, "Empty", "INBOUND", "Europe/London");
        TestFixtures.serviceQueue(TENANT, 5);
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).contentType(ContentType.JSON)
                .body("{\"type\": \"call-entered-queue\", \"campaignId\": 5, \"callId\": \"X\"}").when()
                .post("/api/v1/queue-events").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("eventId is required: a unique id per event, for deduplication."));
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).contentType(ContentType.JSON)
                .body("{\"eventId\": \"x1\", \"type\": \"call-answered\", \"campaignId\": 5, \"callId\": \"nope\"}")
                .when().post("/api/v1/queue-events").then().statusCode(404)
                .body("detail", equalTo("Call nope is not waiting in campaign 5."));
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).contentType(ContentType.JSON)
                .body("{\"eventId\": \"x2\", \"type\": \"call-entered-queue\", \"campaignId\": 77, \"callId\": \"Q\"}")
                .when().post("/api/v1/queue-events").then().statusCode(404)
                .body("detail", equalTo("No campaign with id 77."));
        // Another tenant's campaign 5 is not this tenant's.
        given().auth().oauth2(TestTokens.token(TestFixtures.newTenant(), TestFixtures.DIALLER))
                .contentType(ContentType.JSON)
                .body("{\"eventId\": \"x3\", \"type\": \"call-entered-queue\", \"campaignId\": 5, \"callId\": \"Q\"}")
                .when().post("/api/v1/queue-events").then().statusCode(404);
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static ProducerRecord<String, String> record(String id, String type, String callId, OffsetDateTime at) {
        String value = "{\"specversion\": \"1.0\", \"id\": \"" + id + "\", \"source\": \"/acd\", \"type\":"
                + " \"switchboard.queue.event\", \"tenantid\": \"" + TENANT + "\", \"data\": {\"type\": \"" + type
                + "\", \"campaignId\": 1, \"callId\": \"" + callId + "\", \"occurredAt\": \"" + at + "\"}}";
        return new ProducerRecord<>("switchboard.queue-events", TENANT + ":1", value);
    }

    static String unique() {
        return UUID.randomUUID().toString();
    }
}
