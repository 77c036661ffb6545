package io.switchboard.callback.queue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.callback.TestFixtures;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * callback-service owns the service queues and the legacy credentials and announces them on
 * {@code switchboard.service-queue-events}: every queue create, update and delete (key {@code tenant:queueId}), and
 * every credential set, with its hash only.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class QueueOwnershipEventsTest {

    private static final String TOPIC = "switchboard.service-queue-events";
    private static final String TENANT = TestFixtures.newTenant();

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    private JsonNode json(String value) {
        try {
            return mapper.readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode event(String type, String key) {
        var record = KafkaTopics.awaitRecord(TOPIC,
                r -> key.equals(r.key()) && type.equals(json(r.value()).path("type").asText()), Duration.ofSeconds(20));
        return json(record.value());
    }

    @Test
    void shouldAnnounceEveryChangeOfAQueue() {
        String admin = TestTokens.token(TENANT, "switchboard.admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"id\": 5, \"name\": \"Support\", \"timeZone\": \"Europe/London\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201);
        JsonNode created = event("switchboard.service-queue.changed", TENANT + ":5");
        assertThat(created.path("subject").asText()).isEqualTo("5");
        assertThat(created.path("tenantid").asText()).isEqualTo(TENANT);
        assertThat(created.path("data").path("name").asText()).isEqualTo("Support");

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"Help desk\", \"timeZone\": \"Europe/Dublin\"}").when()
                .put("/api/v1/service-queues/5").then().statusCode(200);
        KafkaTopics.awaitRecord(TOPIC,
                r -> (TENANT + ":5").equals(r.key())
                        && json(r.value()).path("data").path("name").asText().equals("Help desk")
                        && json(r.value()).path("data").path("timeZone").asText().equals("Europe/Dublin"),
                Duration.ofSeconds(20));

        given().auth().oauth2(admin).when().delete("/api/v1/service-queues/5").then().statusCode(204);
        JsonNode deleted = event("switchboard.service-queue.deleted", TENANT + ":5");
        assertThat(deleted.path("data").path("serviceQueueId").asLong()).isEqualTo(5);
    }

    @Test
    void shouldAnnounceALegacyCredentialWithItsHashOnly() {
        String admin = TestTokens.token(TENANT, "switchboard.admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"password\": \"S3cret-pass\"}").when()
                .put("/api/v1/legacy-credential").then().statusCode(204);
        JsonNode changed = event("switchboard.legacy-credential.changed", TENANT);
        String hash = changed.path("data").path("passwordHash").asText();
        assertThat(changed.path("data").path("company").asText()).isEqualTo(TENANT);
        assertThat(LegacyPasswords.verify("S3cret-pass", hash)).isTrue();
        assertThat(changed.toString()).doesNotContain("S3cret-pass");

        // and the new password opens the legacy methods
        given().contentType(ContentType.JSON).body("{\"company\": \"" + TENANT + "\", \"password\": \"S3cret-pass\"}")
                .when().post("/ameyorestapi/voice/sessions").then().statusCode(200);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"password\": \"short\"}").when()
                .put("/api/v1/legacy-credential").then().statusCode(400);
    }

    @Test
    void shouldAnnounceAQueueWrittenWithoutTheAdminApi() {
        // The demo seed and operators write queues with SQL; campaign-service must learn of them all the same.
        TestFixtures.serviceQueue(pool, TENANT, 7, "Written by SQL", "Europe/Paris");
        JsonNode announced = event("switchboard.service-queue.changed", TENANT + ":7");
        assertThat(announced.path("data").path("name").asText()).isEqualTo("Written by SQL");
        assertThat(announced.path("data").path("timeZone").asText()).isEqualTo("Europe/Paris");

        pool.preparedQuery("UPDATE service_queue SET name = 'Renamed by SQL', updated_at = now()"
                + " WHERE tenant_id = $1 AND id = 7").executeAndAwait(io.vertx.mutiny.sqlclient.Tuple.of(TENANT));
        KafkaTopics.awaitRecord(TOPIC,
                r -> (TENANT + ":7").equals(r.key())
                        && json(r.value()).path("data").path("name").asText().equals("Renamed by SQL"),
                Duration.ofSeconds(20));
    }
}
