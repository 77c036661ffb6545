package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.agent.AgentEvents;
import io.switchboard.common.events.campaign.CampaignEvents;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The read models of campaigns and users, kept from campaign-service's events on the real broker. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ReadModelTest {

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    @Test
    void shouldFollowACampaignsChangesAndDeletionNeverUndoneByALateEvent() throws Exception {
        String tenant = TestFixtures.newTenant();
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        TestFixtures.campaign(codec, pool, tenant, 5, "First name", "Europe/London");
        long listId = TestFixtures.list(tenant, 5, "L");
        // unreadable records are skipped, and what follows them still applies
        TestFixtures.producer().send(new ProducerRecord<>("switchboard.campaign-events", tenant + ":5", "garbage"))
                .get();
        TestFixtures.campaign(codec, pool, tenant, 5, "Renamed", "Australia/Sydney");
        given().auth().oauth2(token).get("/platform-api/v3.0/lists/" + listId).then().statusCode(200)
                .body("campaignName", equalTo("Renamed"))
                .body("timestamps.createdTimestamp", org.hamcrest.Matchers.endsWith(":00"));

        OffsetDateTime old = OffsetDateTime.now().minusDays(1);
        TestFixtures.publish(codec, CampaignEvents.DELETED, tenant + ":5", "5", tenant,
                new CampaignEvents.CampaignDeleted(5, OffsetDateTime.now()));
        TestFixtures.await(pool, "SELECT 1 FROM campaign_ref WHERE tenant_id = $1 AND id = 5 AND deleted",
                Tuple.of(tenant));
        TestFixtures.publish(codec, CampaignEvents.CHANGED, tenant + ":5", "5", tenant,
                new CampaignEvents.CampaignChanged(5, "Zombie", "OUTBOUND", true, "Europe/London", old, old));
        TestFixtures.campaign(codec, pool, tenant, 6, "Marker", "Europe/London"); // the late event was consumed
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"listName\": \"x\", \"campaignId\": 5}")
                .post("/platform-api/v3.0/lists").then().statusCode(400).body("errors[0].field", equalTo("campaignId"));
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/dialler/campaigns/5/claims").then().statusCode(404);
        given().auth().oauth2(token).get("/platform-api/v3.0/lists/" + listId).then().statusCode(200)
                .body("campaignName", nullValue());
    }

    @Test
    void shouldNameTheAgentOfALeadFromUserEvents() {
        String tenant = TestFixtures.newTenant();
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        TestFixtures.campaign(codec, pool, tenant, 1, "C", "Europe/London");
        long leadId = TestFixtures.lead(tenant,
                "{\"listId\": " + TestFixtures.list(tenant, 1, "L") + ", \"agentId\": 42}");
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200)
                .body("agentId", equalTo(42)).body("agentFullName", nullValue());
        TestFixtures.agent(codec, pool, tenant, 42, "Grace Hopper");
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200)
                .body("agentFullName", equalTo("Grace Hopper"));
        TestFixtures.publish(codec, AgentEvents.USER_DELETED, tenant + ":42", "42", tenant,
                new AgentEvents.UserDeleted(42, OffsetDateTime.now()));
        TestFixtures.await(pool, "SELECT 1 FROM agent_ref WHERE tenant_id = $1 AND id = 42 AND deleted",
                Tuple.of(tenant));
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200)
                .body("agentId", equalTo(42)).body("agentFullName", nullValue());
    }
}
