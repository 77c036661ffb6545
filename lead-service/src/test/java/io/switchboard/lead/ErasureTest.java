package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Customer erasure (GDPR) against the real broker: leads, attempts' numbers and the outbox, answered with counts. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ErasureTest {

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    @Test
    void shouldEraseLeadsByNumberOrAddressRedactTheOutboxAndAnswerOncePerErasure() {
        String tenant = TestFixtures.newTenant();
        String platform = TestTokens.token(tenant, TestFixtures.PLATFORM);
        String dialler = TestTokens.token(tenant, TestFixtures.DIALLER);
        TestFixtures.campaign(codec, pool, tenant, 2, "Sales", "Europe/London");
        TestFixtures.openWindow(tenant, 2);
        long listId = TestFixtures.list(tenant, 2, "People");
        long ada = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000901\","
                + " \"leadData\": {\"email\": \"ada@example.com\"}}");
        long bob = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000902\","
                + " \"phone2\": \"+447400000904\", \"leadData\": {\"email\": \"Bob@Example.com\"}}");
        long carol = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000903\"}");
        // the same number in another tenant is another person's business
        String otherTenant = TestFixtures.newTenant();
        TestFixtures.campaign(codec, pool, otherTenant, 2, "Theirs", "Europe/London");
        long theirs = TestFixtures.lead(otherTenant,
                "{\"listId\": " + TestFixtures.list(otherTenant, 2, "x") + ", \"phone1\": \"+447400000901\"}");

        JsonPath claimed = given().auth().oauth2(dialler).contentType(ContentType.JSON).body("{\"max\": 3}")
                .post("/api/v1/dialler/campaigns/2/claims").then().statusCode(200).extract().jsonPath();
        Map<Long, Long> attempts = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            long leadId = claimed.getLong("items[" + i + "].leadId");
            attempts.put(leadId, given().auth().oauth2(dialler).contentType(ContentType.JSON)
                    .body("{\"leadId\": " + leadId + ", \"leaseId\": \"" + claimed.getString("items[" + i + "].leaseId")
                            + "\", \"phoneIndex\": 1, \"dialStatusId\": 2, \"dialStatusName\": \"No answer\"}")
                    .post("/api/v1/dialler/attempts").then().statusCode(201).extract().jsonPath().getLong("attemptId"));
        }
        // the attempt events (naming the numbers) are in the outbox
        TestFixtures.await(pool, "SELECT 1 FROM outbox_event WHERE strpos(payload, $1) > 0", Tuple.of("+447400000901"));

        String erasureId = "erasure-" + UUID.randomUUID();
        var request = new ErasureEvents.ErasureRequested(erasureId, List.of("+447400000901"),
                List.of("bob@example.com"), OffsetDateTime.now());
        TestFixtures.publish(codec, ErasureEvents.REQUESTED, erasureId, erasureId, tenant, request);

        ConsumerRecord<String, String> answer = KafkaTopics.awaitRecord("switchboard.erasure-results",
                r -> erasureId.equals(r.key()), Duration.ofSeconds(30));
        CloudEvent event = codec.decode(answer.value());
        assertThat(event.type()).isEqualTo("switchboard.erasure.completed");
        assertThat(event.tenantid()).isEqualTo(tenant);
        assertThat(event.subject()).isEqualTo(erasureId);
        var completed = codec.data(event, ErasureEvents.COMPLETED);
        assertThat(completed.erasureId()).isEqualTo(erasureId);
        assertThat(completed.service()).isEqualTo("lead-service");
        assertThat(completed.erased()).containsExactlyInAnyOrderEntriesOf(Map.of("leads", 2L, "attempts", 2L));

        given().auth().oauth2(platform).get("/platform-api/v3.0/leads/" + ada).then().statusCode(404);
        given().auth().oauth2(platform).get("/platform-api/v3.0/leads/" + bob).then().statusCode(404);
        given().auth().oauth2(platform).get("/platform-api/v3.0/leads/" + carol).then().statusCode(200);
        given().auth().oauth2(TestTokens.token(otherTenant, TestFixtures.PLATFORM))
                .get("/platform-api/v3.0/leads/" + theirs).then().statusCode(200)
                .body("phones[0].phoneNumber", equalTo("+447400000901"));
        // attempts stay, without the number
        given().auth().oauth2(platform).get("/platform-api/v3.0/dialler/" + attempts.get(ada)).then().statusCode(200)
                .body("phoneNumber", nullValue()).body("dialStatusName", equalTo("No answer"));
        given().auth().oauth2(platform).get("/platform-api/v3.0/dialler/" + attempts.get(bob)).then().statusCode(200)
                .body("phoneNumber", nullValue());
        given().auth().oauth2(platform).get("/platform-api/v3.0/dialler/" + attempts.get(carol)).then().statusCode(200)
                .body("phoneNumber", equalTo("+447400000903"));
        // the numbers are free again in the campaign, and the outbox no longer names them
        TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+447400000904\"}");
        assertThat(count("SELECT count(*) FROM outbox_event WHERE strpos(payload, '+447400000901') > 0")).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE strpos(payload, '[erased]') > 0")).isPositive();

        // a redelivered request erases nothing more and answers with zero counts
        TestFixtures.publish(codec, ErasureEvents.REQUESTED, erasureId, erasureId, tenant, request);
        List<ConsumerRecord<String, String>> answers = KafkaTopics.awaitRecords("switchboard.erasure-results",
                r -> erasureId.equals(r.key()), 2, Duration.ofSeconds(30));
        var second = codec.data(codec.decode(answers.get(1).value()), ErasureEvents.COMPLETED);
        assertThat(second.erased()).containsExactlyInAnyOrderEntriesOf(Map.of("leads", 0L, "attempts", 0L));
        given().auth().oauth2(platform).get("/platform-api/v3.0/leads/" + carol).then().statusCode(200);
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }
}
