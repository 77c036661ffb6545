package io.switchboard.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.Topics;
import io.switchboard.notification.EventPublisher;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/** Signed webhook deliveries from the real broker through Postgres to a real HTTP receiver. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String admin(String tenant) {
        return "Bearer " + TestTokens.token(tenant, "switchboard.admin");
    }

    private static String tenant() {
        return "9" + (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000);
    }

    private static Map<String, Object> register(String tenant, String url, List<String> eventTypes) {
        var body = eventTypes == null ? Map.of("url", url) : Map.of("url", url, "eventTypes", eventTypes);
        return given().header("Authorization", admin(tenant)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath().getMap("$");
    }

    /** What a receiver does: recompute the HMAC of t + "." + body with its secret. */
    private static void assertSigned(WebhookReceiver.Received received, String secret) throws Exception {
        Map<String, String> parts = WebhookReceiver.signatureParts(received.signature());
        long t = Long.parseLong(parts.get("t"));
        assertThat(Math.abs(Instant.now().getEpochSecond() - t)).isLessThan(60);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of()
                .formatHex(mac.doFinal((t + "." + received.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(parts.get("v1")).isEqualTo(expected);
    }

    @Test
    void postsTheSignedCloudEventOnceAndOnlyToTheEventsTenant() throws Exception {
        String tenant = tenant();
        String other = tenant();
        try (var receiver = new WebhookReceiver();
                var otherReceiver = new WebhookReceiver();
                var events = new EventPublisher()) {
            String secret = (String) register(tenant, receiver.url(), null).get("secret");
            String otherSecret = (String) register(other, otherReceiver.url(), null).get("secret");
            String code = EventPublisher.newCode();

            var calling = events
                    .publish(EventPublisher.statusChangedEvent(tenant, 7, code, "CallingUser", "IN_PROGRESS"));
            String id = calling.id();
            // The relay is at-least-once: the same event again must not be POSTed twice.
            events.publish(calling);

            var received = receiver.next();
            assertThat(received.contentType()).startsWith("application/cloudevents+json");
            assertSigned(received, secret);
            JsonNode event = JSON.readTree(received.body());
            assertThat(event.get("specversion").asText()).isEqualTo("1.0");
            assertThat(event.get("id").asText()).isEqualTo(id);
            assertThat(event.get("type").asText()).isEqualTo(EventPublisher.STATUS_CHANGED);
            assertThat(event.get("subject").asText()).isEqualTo(code);
            assertThat(event.get("tenantid").asText()).isEqualTo(tenant);
            assertThat(event.at("/data/confirmationCode").asText()).isEqualTo(code);
            assertThat(event.at("/data/status").asText()).isEqualTo("CallingUser");
            assertThat(event.at("/data/serviceQueue").asLong()).isEqualTo(7);

            String otherId = events.statusChanged(other, 8, EventPublisher.newCode(), "UserConnected");
            var otherReceived = otherReceiver.next();
            assertThat(JSON.readTree(otherReceived.body()).get("id").asText()).isEqualTo(otherId);
            assertSigned(otherReceived, otherSecret);
            assertThat(receiver.nextOrNull(1500)).as("another tenant's event or a duplicate").isNull();
        }
    }

    @Test
    void postsLeadEventsAsTheyAreOnTheirTopic() throws Exception {
        String tenant = tenant();
        try (var receiver = new WebhookReceiver();
                var typed = new WebhookReceiver();
                var events = new EventPublisher()) {
            String secret = (String) register(tenant, receiver.url(), null).get("secret");
            register(tenant, typed.url(), List.of("switchboard.lead.updated"));
            // lead-service's events are not interpreted here: whatever CloudEvent is on the topic is what is POSTed.
            var data = JSON.createObjectNode().put("leadId", "5521").put("listId", 12).put("phoneNumber",
                    "+447400123456");
            CloudEvent created = new CloudEvent("1.0", UUID.randomUUID().toString(), "/switchboard/lead-service",
                    "switchboard.lead.created", "5521", OffsetDateTime.now(), "application/json", tenant, data);
            String record = EventPublisher.CODEC.encode(created);
            events.send(Topics.LEAD_EVENTS, "5521", record);

            var received = receiver.next();
            assertThat(received.body()).as("the record's value, byte for byte").isEqualTo(record);
            assertThat(received.contentType()).startsWith("application/cloudevents+json");
            assertSigned(received, secret);
            assertThat(typed.nextOrNull(1000)).as("a webhook for switchboard.lead.updated only").isNull();
        }
    }

    @Test
    void sendsOnlyTheEventTypesTheWebhookAsksFor() throws Exception {
        String tenant = tenant();
        try (var receiver = new WebhookReceiver();
                var events = new EventPublisher()) {
            register(tenant, receiver.url(), List.of(EventPublisher.STATUS_CHANGED));
            String code = EventPublisher.newCode();
            events.requested(tenant, 7, code, "+447400123456");
            String wanted = events.statusChanged(tenant, 7, code, "CallingUser");
            assertThat(JSON.readTree(receiver.next().body()).get("id").asText()).isEqualTo(wanted);
            assertThat(receiver.nextOrNull(1000)).isNull();
        }
    }

    @Test
    void retriesAfterServerErrorsUntilTheReceiverAccepts() throws Exception {
        String tenant = tenant();
        try (var receiver = new WebhookReceiver();
                var events = new EventPublisher()) {
            String secret = (String) register(tenant, receiver.url(), null).get("secret");
            receiver.answer(500, 500);
            String id = events.statusChanged(tenant, 7, EventPublisher.newCode(), "CallingUser");

            var first = receiver.next();
            var second = receiver.next();
            var third = receiver.next();
            for (var attempt : List.of(first, second, third)) {
                assertThat(JSON.readTree(attempt.body()).get("id").asText()).isEqualTo(id);
                assertSigned(attempt, secret);
            }
            assertThat(receiver.nextOrNull(1000)).as("accepted on the third attempt").isNull();
            given().header("Authorization", admin(tenant)).get("/api/v1/webhooks/dead-letters").then().statusCode(200)
                    .body("$", empty());
        }
    }

    @Test
    void parksADeadLetterAfterTheLastAttemptAndReplaysIt() throws Exception {
        String tenant = tenant();
        try (var receiver = new WebhookReceiver();
                var events = new EventPublisher()) {
            Map<String, Object> webhook = register(tenant, receiver.url(), null);
            String secret = (String) webhook.get("secret");
            receiver.answerByDefault(503);
            String id = events.statusChanged(tenant, 7, EventPublisher.newCode(), "CallFailed");
            for (int attempt = 0; attempt < 3; attempt++) { // max-attempts is 3 in the test profile
                receiver.next();
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given()
                    .header("Authorization", admin(tenant)).get("/api/v1/webhooks/dead-letters").then().statusCode(200)
                    .body("$", hasSize(1)).body("[0].eventId", equalTo(id))
                    .body("[0].webhookId", equalTo(webhook.get("id"))).body("[0].url", equalTo(receiver.url()))
                    .body("[0].eventType", equalTo(EventPublisher.STATUS_CHANGED)).body("[0].attempts", equalTo(3))
                    .body("[0].lastStatus", equalTo(503)).body("[0].lastError", equalTo("HTTP 503")));
            assertThat(receiver.nextOrNull(800)).as("no attempt after the last").isNull();
            // Another tenant sees none of them and cannot replay them.
            String deadId = given().header("Authorization", admin(tenant)).get("/api/v1/webhooks/dead-letters").then()
                    .extract().path("[0].id");
            given().header("Authorization", admin(tenant())).get("/api/v1/webhooks/dead-letters").then().statusCode(200)
                    .body("$", empty());
            given().header("Authorization", admin(tenant())).post("/api/v1/webhooks/dead-letters/" + deadId + "/replay")
                    .then().statusCode(404).contentType("application/problem+json");

            receiver.answerByDefault(200);
            given().header("Authorization", admin(tenant)).post("/api/v1/webhooks/dead-letters/" + deadId + "/replay")
                    .then().statusCode(200).body("replayed", equalTo(1));
            var replayed = receiver.next();
            assertThat(JSON.readTree(replayed.body()).get("id").asText()).isEqualTo(id);
            assertSigned(replayed, secret);
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> given().header("Authorization", admin(tenant))
                            .get("/api/v1/webhooks/dead-letters").then().body("$", empty()));
        }
    }

    @Test
    void replaysEveryDeadLetterAtOnce() throws Exception {
        String tenant = tenant();
        try (var receiver = new WebhookReceiver();
                var events = new EventPublisher()) {
            register(tenant, receiver.url(), null);
            receiver.answerByDefault(500);
            String a = events.statusChanged(tenant, 7, EventPublisher.newCode(), "CallFailed");
            String b = events.statusChanged(tenant, 7, EventPublisher.newCode(), "CallingUserFailed");
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .untilAsserted(() -> given().header("Authorization", admin(tenant))
                            .get("/api/v1/webhooks/dead-letters").then().body("$", hasSize(2)));
            receiver.answerByDefault(200);
            while (receiver.nextOrNull(300) != null) {
                // drain the failed attempts
            }
            given().header("Authorization", admin(tenant)).post("/api/v1/webhooks/dead-letters/replay").then()
                    .statusCode(200).body("replayed", equalTo(2));
            var ids = List.of(JSON.readTree(receiver.next().body()).get("id").asText(),
                    JSON.readTree(receiver.next().body()).get("id").asText());
            assertThat(ids).containsExactlyInAnyOrder(a, b);
        }
    }
}
