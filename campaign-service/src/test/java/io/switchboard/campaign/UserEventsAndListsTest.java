package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.agent.AgentEvents;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * Users are announced on {@code switchboard.agent-events} (lead-service keeps agents' names from them), and the lead
 * lists lead-service announces on {@code switchboard.lead-events} appear in the campaign details.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class UserEventsAndListsTest {

    @Inject
    CloudEventCodec codec;

    @Test
    void shouldAnnounceCreateUpdateAndDeleteOfAUserInOrder() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 1, "Support", "INBOUND", "Europe/London");
        TestFixtures.user(tenant, 7, "John Doe", "agent", true, 1L);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\": \"John Q. Doe\", \"userType\": \"agent\", \"active\": false}").put("/api/v1/users/7")
                .then().statusCode(200);
        // a refused change announces nothing
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).contentType(ContentType.JSON)
                .body("{\"id\": 7, \"name\": \"Again\", \"userType\": \"agent\"}").post("/api/v1/users").then()
                .statusCode(409);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).delete("/api/v1/users/7").then()
                .statusCode(204);

        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords("switchboard.agent-events",
                r -> (tenant + ":7").equals(r.key()), 3, Duration.ofSeconds(20));
        List<CloudEvent> events = records.stream().map(r -> codec.decode(r.value())).toList();
        assertThat(events).extracting(CloudEvent::type).containsExactly("switchboard.agent.user-changed",
                "switchboard.agent.user-changed", "switchboard.agent.user-deleted");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.tenantid()).isEqualTo(tenant);
            assertThat(e.subject()).isEqualTo("7");
        });
        var created = codec.data(events.get(0), AgentEvents.USER_CHANGED);
        assertThat(created.userId()).isEqualTo(7);
        assertThat(created.name()).isEqualTo("John Doe");
        assertThat(created.userType()).isEqualTo("agent");
        assertThat(created.active()).isTrue();
        assertThat(created.campaignId()).isEqualTo(1L);
        assertThat(created.createdAt()).isNotNull();
        var updated = codec.data(events.get(1), AgentEvents.USER_CHANGED);
        assertThat(updated.name()).isEqualTo("John Q. Doe");
        assertThat(updated.active()).isFalse();
        assertThat(updated.campaignId()).isNull();
        assertThat(codec.data(events.get(2), AgentEvents.USER_DELETED).userId()).isEqualTo(7);
    }

    @Test
    void shouldShowTheListsLeadServiceAnnouncedInTheCampaignDetails() throws Exception {
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 2, "Sales Outbound", "OUTBOUND", "Europe/London");
        TestFixtures.campaign(tenant, 3, "Other", "OUTBOUND", "Europe/London");
        OffsetDateTime t = OffsetDateTime.parse("2026-11-24T09:00:00Z");
        publish(tenant, new LeadEvents.ListChanged(100, 2, "List One", true, 1, false, t, t));
        publish(tenant, new LeadEvents.ListChanged(101, 2, "Campaign contacts", true, 2, true, t, t));
        publish(tenant, new LeadEvents.ListChanged(102, 3, "Elsewhere", true, 1, false, t, t));
        // a later change renames list 100; a late, older copy of its first state changes nothing
        publish(tenant, new LeadEvents.ListChanged(100, 2, "List One (renamed)", false, 3, false, t, t.plusMinutes(5)));
        publish(tenant, new LeadEvents.ListChanged(100, 2, "List One", true, 1, false, t, t));
        publish(tenant, "not a cloud event");

        JsonPath details = awaitLists(tenant, 2, 2);
        assertThat(details.getList("lists.listId", Long.class)).containsExactly(100L, 101L);
        assertThat(details.getString("lists[0].listName")).isEqualTo("List One (renamed)");
        assertThat(details.getBoolean("lists[0].inDialler")).isFalse();
        assertThat(details.getInt("lists[0].weight")).isEqualTo(3);
        assertThat(details.getString("lists[1].listName")).isEqualTo("Campaign contacts");
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM)).get("/platform-api/v3.0/campaigns/3")
                .then().statusCode(200).body("lists", hasSize(1)).body("lists[0].listId", equalTo(102));
        // another tenant's campaign 2 has none of them
        String other = TestFixtures.newTenant();
        TestFixtures.campaign(other, 2, "Theirs", "OUTBOUND", "Europe/London");
        given().auth().oauth2(TestTokens.token(other, TestFixtures.PLATFORM)).get("/platform-api/v3.0/campaigns/2")
                .then().statusCode(200).body("lists", hasSize(0));
    }

    private JsonPath awaitLists(String tenant, long campaignId, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonPath details = null;
        while (Instant.now().isBefore(deadline)) {
            details = given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM))
                    .get("/platform-api/v3.0/campaigns/" + campaignId).then().statusCode(200).extract().jsonPath();
            List<String> names = details.getList("lists.listName", String.class);
            if (names.size() == count && names.contains("List One (renamed)")) {
                // the late, older copy was published after the rename: give it time to (not) apply
                Thread.sleep(1500);
                return given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM))
                        .get("/platform-api/v3.0/campaigns/" + campaignId).then().statusCode(200).extract().jsonPath();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The campaign's lists did not arrive: " + (details == null ? "" : details.prettify()));
    }

    private static KafkaProducer<String, String> producer;

    private void publish(String tenant, LeadEvents.ListChanged list) throws Exception {
        var event = codec.create("/switchboard/lead-service", LeadEvents.LIST_CHANGED, Long.toString(list.listId()),
                tenant, list);
        send(tenant + ":list:" + list.listId(), codec.encode(event));
    }

    private void publish(String tenant, String raw) throws Exception {
        send(tenant + ":list:junk", raw);
    }

    private static synchronized void send(String key, String value) throws Exception {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        producer.send(new ProducerRecord<>("switchboard.lead-events", key, value)).get();
    }
}
