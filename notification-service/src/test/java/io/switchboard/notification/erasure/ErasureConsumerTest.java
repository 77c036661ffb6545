package io.switchboard.notification.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.notification.EventPublisher;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The erasure saga on the real broker: a request on switchboard.erasure-requests redacts the person's numbers and
 * addresses from the tenant's stored webhook deliveries (delivered ones and dead letters alike) and is answered on
 * switchboard.erasure-results; a redelivered request changes nothing more and answers 0.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ErasureConsumerTest {

    private static final String PHONE = "+447400555111";

    @Inject
    Pool pool;

    private static String admin(String tenant) {
        return "Bearer " + TestTokens.token(tenant, "switchboard.admin");
    }

    private static String tenant() {
        return "6" + (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000);
    }

    private static void register(String tenant, String url) {
        given().header("Authorization", admin(tenant)).contentType(ContentType.JSON).body(Map.of("url", url))
                .post("/api/v1/webhooks").then().statusCode(201);
    }

    private List<Row> deliveries(String tenant) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT body, state FROM webhook_delivery WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void shouldRedactStoredDeliveriesAndAnswerOncePerDelivery() throws Exception {
        String tenant = tenant();
        String other = tenant();
        String email = "ada." + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        try (var events = new EventPublisher()) {
            // Two webhooks of the tenant: one accepts (delivered rows), one answers 503 (dead letters).
            register(tenant, "http://127.0.0.1:9/accepts-nothing");
            register(tenant, "http://127.0.0.1:9/also-nothing");
            register(other, "http://127.0.0.1:9/other-tenant");
            events.requested(tenant, 3, EventPublisher.newCode(), PHONE);
            var lead = EventPublisher.MAPPER.createObjectNode().put("leadId", "77").put("email", email.toUpperCase());
            events.send(Topics.LEAD_EVENTS, "77",
                    EventPublisher.CODEC.encode(new CloudEvent("1.0", UUID.randomUUID().toString(),
                            "/switchboard/lead-service", "switchboard.lead.created", "77", OffsetDateTime.now(),
                            "application/json", tenant, lead)));
            events.requested(other, 3, EventPublisher.newCode(), PHONE);
            // Nothing listens on port 9: after the test profile's 3 attempts every delivery is a dead letter.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                given().header("Authorization", admin(tenant)).get("/api/v1/webhooks/dead-letters").then().body("$",
                        hasSize(4));
                given().header("Authorization", admin(other)).get("/api/v1/webhooks/dead-letters").then().body("$",
                        hasSize(1));
            });

            String erasureId = "erasure-" + UUID.randomUUID();
            CloudEvent request = EventPublisher.CODEC.create("/switchboard/crm-service", ErasureEvents.REQUESTED,
                    erasureId, tenant, new ErasureEvents.ErasureRequested(erasureId, List.of(PHONE), List.of(email),
                            OffsetDateTime.now()));
            events.send(Topics.ERASURE_REQUESTS, erasureId, EventPublisher.CODEC.encode(request));

            ErasureEvents.ErasureCompleted answer = answers(erasureId, 1).get(0);
            assertThat(answer.erasureId()).isEqualTo(erasureId);
            assertThat(answer.service()).isEqualTo("notification-service");
            assertThat(answer.erased()).isEqualTo(Map.of("webhookDeliveries", 4L));
            assertThat(answer.completedAt()).isNotNull();

            List<Row> redacted = deliveries(tenant);
            assertThat(redacted).hasSize(4);
            for (Row row : redacted) {
                String body = row.getString("body");
                assertThat(body).doesNotContain(PHONE).doesNotContainIgnoringCase(email).contains("[erased]");
                JsonNode event = EventPublisher.MAPPER.readTree(body);
                assertThat(event.path("tenantid").asText()).as("still the CloudEvent, minus the person")
                        .isEqualTo(tenant);
            }
            assertThat(deliveries(other)).singleElement().satisfies(row -> assertThat(row.getString("body"))
                    .as("another tenant's data is not touched").contains(PHONE));

            // Redelivered (the relay is at least once): nothing more to redact, answered again with 0.
            events.send(Topics.ERASURE_REQUESTS, erasureId, EventPublisher.CODEC.encode(request));
            assertThat(answers(erasureId, 2).get(1).erased()).isEqualTo(Map.of("webhookDeliveries", 0L));
            assertThat(deliveries(tenant)).allSatisfy(row -> assertThat(row.getString("body")).doesNotContain(PHONE));
        }
    }

    private static List<ErasureEvents.ErasureCompleted> answers(String erasureId, int count) {
        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords(Topics.ERASURE_RESULTS,
                record -> record.key().equals(erasureId), count, Duration.ofSeconds(30));
        return records.stream().map(record -> EventPublisher.CODEC.decode(record.value()))
                .peek(event -> assertThat(event.type()).isEqualTo(ErasureEvents.COMPLETED.type()))
                .peek(event -> assertThat(event.subject()).isEqualTo(erasureId))
                .map(event -> EventPublisher.CODEC.data(event, ErasureEvents.COMPLETED)).toList();
    }
}
