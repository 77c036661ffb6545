package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.campaign.CampaignEvents;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/** Every change of a campaign reaches {@code switchboard.campaign-events}, in order, read as other services read it. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CampaignEventsTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void shouldAnnounceCreateUpdateAndDeleteOfACampaignInOrder() {
        String tenant = TestFixtures.newTenant();
        String token = TestTokens.token(tenant, TestFixtures.ADMIN);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(
                "{\"id\": 4, \"name\": \"Winter sale\", \"direction\": \"OUTBOUND\", \"timeZone\": \"Europe/London\"}")
                .post("/api/v1/campaigns").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"Winter sale 2\", \"direction\": \"OUTBOUND\", \"active\": false,"
                        + " \"timeZone\": \"Europe/Dublin\"}")
                .put("/api/v1/campaigns/4").then().statusCode(200);
        // A refused change announces nothing.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"id\": 4, \"name\": \"Again\", \"direction\": \"OUTBOUND\", \"timeZone\": \"Europe/London\"}")
                .post("/api/v1/campaigns").then().statusCode(409);
        given().auth().oauth2(token).delete("/api/v1/campaigns/4").then().statusCode(204);

        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords("switchboard.campaign-events",
                r -> (tenant + ":4").equals(r.key()), 3, Duration.ofSeconds(20));
        List<CloudEvent> events = records.stream().map(r -> codec.decode(r.value())).toList();
        assertThat(events).extracting(CloudEvent::type).containsExactly("switchboard.campaign.changed",
                "switchboard.campaign.changed", "switchboard.campaign.deleted");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tenantid()).isEqualTo(tenant);
            assertThat(e.subject()).isEqualTo("4");
        });
        var created = codec.data(events.get(0), CampaignEvents.CHANGED);
        assertThat(created.name()).isEqualTo("Winter sale");
        assertThat(created.direction()).isEqualTo("OUTBOUND");
        assertThat(created.active()).isTrue();
        assertThat(created.timeZone()).isEqualTo("Europe/London");
        var updated = codec.data(events.get(1), CampaignEvents.CHANGED);
        assertThat(updated.name()).isEqualTo("Winter sale 2");
        assertThat(updated.active()).isFalse();
        assertThat(updated.timeZone()).isEqualTo("Europe/Dublin");
        assertThat(codec.data(events.get(2), CampaignEvents.DELETED).campaignId()).isEqualTo(4);
    }
}
