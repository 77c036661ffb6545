package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/** Platform API v3.0 lists: create, details with every field of the seed sample, pages, and their events. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ListApiTest {

    static final String ISO_WITH_OFFSET = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}";

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    String tenant;
    String token;

    @BeforeEach
    void setUp() {
        tenant = TestFixtures.newTenant();
        token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        TestFixtures.campaign(codec, pool, tenant, 99, "Campaign Ninty Nine", "Australia/Sydney");
        TestFixtures.campaign(codec, pool, tenant, 7, "Seven", "Europe/London");
    }

    @Test
    void shouldCreateAListAndShowEveryFieldOfTheSeedSample() {
        long listId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"listName\": \"List One\", \"campaignId\": 99}").post("/platform-api/v3.0/lists").then()
                .statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/platform-api/v3.0/lists/"))
                .body("listName", equalTo("List One")).body("campaignId", equalTo(99)).body("listId", notNullValue())
                .extract().jsonPath().getLong("listId");
        // the Location ends with the id: checked separately as Hamcrest cannot see the id above
        given().auth().oauth2(token).get("/platform-api/v3.0/lists/" + listId).then().statusCode(200)
                .body("id", equalTo((int) listId)).body("name", equalTo("List One")).body("campaignId", equalTo(99))
                .body("campaignName", equalTo("Campaign Ninty Nine")).body("inDialler", equalTo(true))
                .body("weight", equalTo(1)).body("timestamps.createdTimestamp", matchesPattern(ISO_WITH_OFFSET))
                .body("timestamps.updatedTimestamp", matchesPattern(ISO_WITH_OFFSET));
    }

    @Test
    void shouldAcceptNumbersAsStringsAndNamesInAnyCase() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"ListName\": \"Strings\", \"CAMPAIGNID\": \"7\"}").post("/platform-api/v3.0/lists").then()
                .statusCode(201).body("campaignId", equalTo(7)).body("listName", equalTo("Strings"));
    }

    @Test
    void shouldRefuseAListWithoutNameOrWithAnUnknownCampaignNamingTheField() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"campaignId\": 99}")
                .post("/platform-api/v3.0/lists").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("listName"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"listName\": \"x\"}")
                .post("/platform-api/v3.0/lists").then().statusCode(400).body("errors[0].field", equalTo("campaignId"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"listName\": \"x\", \"campaignId\": 12345}")
                .post("/platform-api/v3.0/lists").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("campaignId"));
    }

    @Test
    void shouldPageListsWithACursorAndFilterByCampaign() {
        long a = TestFixtures.list(tenant, 99, "A");
        long b = TestFixtures.list(tenant, 7, "B");
        long c = TestFixtures.list(tenant, 99, "C");
        var first = given().auth().oauth2(token).queryParam("limit", 2).get("/platform-api/v3.0/lists").then()
                .statusCode(200).body("metadata.limit", equalTo(2)).body("items", hasSize(2))
                .body("metadata.nextCursor", notNullValue()).extract().jsonPath();
        assertThat(first.getList("items.id", Long.class)).containsExactly(a, b);
        given().auth().oauth2(token).queryParam("limit", 2).queryParam("cursor", first.getString("metadata.nextCursor"))
                .get("/platform-api/v3.0/lists").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo((int) c)).body("items[0].campaignName", equalTo("Campaign Ninty Nine"))
                .body("metadata.nextCursor", nullValue());
        var filtered = given().auth().oauth2(token).queryParam("campaignId", 99).get("/platform-api/v3.0/lists").then()
                .statusCode(200).extract().jsonPath();
        assertThat(filtered.getList("items.id", Long.class)).containsExactly(a, c);
        given().auth().oauth2(token).queryParam("cursor", "!!!").get("/platform-api/v3.0/lists").then().statusCode(400);
        given().auth().oauth2(token).queryParam("campaignId", "abc").get("/platform-api/v3.0/lists").then()
                .statusCode(400).body("errors[0].field", equalTo("campaignId"));
    }

    @Test
    void shouldNeverShowAnotherTenantsList() {
        long mine = TestFixtures.list(tenant, 99, "Mine");
        String other = TestFixtures.newTenant();
        given().auth().oauth2(TestTokens.token(other, TestFixtures.PLATFORM)).get("/platform-api/v3.0/lists/" + mine)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.token(other, TestFixtures.PLATFORM)).get("/platform-api/v3.0/lists").then()
                .statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldAnnounceANewListOnLeadEvents() {
        long listId = TestFixtures.list(tenant, 99, "Announced");
        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord("switchboard.lead-events",
                r -> (tenant + ":list:" + listId).equals(r.key()), Duration.ofSeconds(20));
        CloudEvent event = codec.decode(record.value());
        assertThat(event.type()).isEqualTo("switchboard.lead.list-changed");
        assertThat(event.tenantid()).isEqualTo(tenant);
        assertThat(event.subject()).isEqualTo(Long.toString(listId));
        var data = codec.data(event, LeadEvents.LIST_CHANGED);
        assertThat(data.listId()).isEqualTo(listId);
        assertThat(data.campaignId()).isEqualTo(99);
        assertThat(data.name()).isEqualTo("Announced");
        assertThat(data.inDialler()).isTrue();
        assertThat(data.weight()).isEqualTo(1);
        assertThat(data.defaultList()).isFalse();
        assertThat(data.createdAt()).isNotNull();
    }

    @Test
    void shouldAnswer401WithoutAValidTokenAnd403WithoutThePlatformScope() {
        given().get("/platform-api/v3.0/lists").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expired(tenant, TestFixtures.PLATFORM)).get("/platform-api/v3.0/lists/1")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByStranger(tenant, TestFixtures.PLATFORM)).contentType(ContentType.JSON)
                .body("{\"listName\": \"x\", \"campaignId\": 99}").post("/platform-api/v3.0/lists").then()
                .statusCode(401);
        String dialler = TestTokens.token(tenant, TestFixtures.DIALLER);
        given().auth().oauth2(dialler).get("/platform-api/v3.0/lists").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(dialler).get("/platform-api/v3.0/lists/1").then().statusCode(403);
        given().auth().oauth2(dialler).contentType(ContentType.JSON).body("{\"listName\": \"x\", \"campaignId\": 99}")
                .post("/platform-api/v3.0/lists").then().statusCode(403);
    }
}
