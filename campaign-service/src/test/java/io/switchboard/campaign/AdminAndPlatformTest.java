package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class AdminAndPlatformTest {

    private static final String ISO_WITH_OFFSET = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d";

    private static RequestSpecification as(String tenant, String scope) {
        return given().auth().oauth2(TestTokens.token(tenant, scope)).contentType(ContentType.JSON);
    }

    @Test
    void shouldCreateReadUpdateAndListCampaigns() {
        String tenant = TestFixtures.newTenant();
        as(tenant, TestFixtures.ADMIN)
                .body("{\"name\": \"Support Inbound\", \"direction\": \"inbound\", \"timeZone\": \"Australia/Sydney\"}")
                .when().post("/api/v1/campaigns").then().statusCode(201)
                .header("Location", endsWith("/api/v1/campaigns/1")).body("id", equalTo(1))
                .body("name", equalTo("Support Inbound")).body("direction", equalTo("INBOUND"))
                .body("active", equalTo(true)).body("timeZone", equalTo("Australia/Sydney"))
                .body("createdAt", notNullValue()).body("updatedAt", notNullValue());
        as(tenant, TestFixtures.ADMIN)
                .body("{\"id\": 7, \"name\": \"Sales\", \"direction\": \"OUTBOUND\", \"active\": false,"
                        + " \"timeZone\": \"Europe/London\"}")
                .when().post("/api/v1/campaigns").then().statusCode(201).body("id", equalTo(7));
        as(tenant, TestFixtures.ADMIN)
                .body("{\"id\": 7, \"name\": \"Again\", \"direction\": \"OUTBOUND\", \"timeZone\": \"Europe/London\"}")
                .when().post("/api/v1/campaigns").then().statusCode(409)
                .body("detail", equalTo("Campaign 7 already exists."));

        as(tenant, TestFixtures.ADMIN)
                .body("{\"name\": \"Sales Outbound\", \"direction\": \"OUTBOUND\", \"active\": true,"
                        + " \"timeZone\": \"America/New_York\"}")
                .when().put("/api/v1/campaigns/7").then().statusCode(200).body("name", equalTo("Sales Outbound"))
                .body("active", equalTo(true)).body("timeZone", equalTo("America/New_York"));
        as(tenant, TestFixtures.ADMIN).when().get("/api/v1/campaigns/7").then().statusCode(200).body("name",
                equalTo("Sales Outbound"));

        as(tenant, TestFixtures.ADMIN).when().get("/api/v1/campaigns?limit=1").then().statusCode(200)
                .body("metadata.limit", equalTo(1)).body("metadata.nextCursor", notNullValue())
                .body("items.id", contains(1));
        String cursor = as(tenant, TestFixtures.ADMIN).when().get("/api/v1/campaigns?limit=1").then().extract()
                .path("metadata.nextCursor");
        as(tenant, TestFixtures.ADMIN).when().get("/api/v1/campaigns?limit=1&cursor=" + cursor).then().statusCode(200)
                .body("items.id", contains(7)).body("metadata.nextCursor", nullValue());

        // Another tenant sees none of it.
        String other = TestFixtures.newTenant();
        as(other, TestFixtures.ADMIN).when().get("/api/v1/campaigns/7").then().statusCode(404).body("detail",
                equalTo("No campaign with id 7."));
        as(other, TestFixtures.ADMIN).when().get("/api/v1/campaigns").then().statusCode(200).body("items", hasSize(0));
        as(other, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/campaigns/7").then().statusCode(404);
        as(other, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/campaigns/7/statistics").then().statusCode(404);
    }

    @Test
    void shouldRefuseBadCampaignsWithProblemJson() {
        String tenant = TestFixtures.newTenant();
        as(tenant, TestFixtures.ADMIN)
                .body("{\"name\": \"X\", \"direction\": \"INBOUND\", \"timeZone\": \"Mars/Base\"}").when()
                .post("/api/v1/campaigns").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("timeZone 'Mars/Base' is not an IANA time zone such as Europe/London."));
        as(tenant, TestFixtures.ADMIN).body("{\"direction\": \"INBOUND\", \"timeZone\": \"Europe/London\"}").when()
                .post("/api/v1/campaigns").then().statusCode(400).body("detail", equalTo("name is required."));
        as(tenant, TestFixtures.ADMIN).body("{\"name\": \"X\", \"timeZone\": \"Europe/London\"}").when()
                .post("/api/v1/campaigns").then().statusCode(400)
                .body("detail", equalTo("direction is required: INBOUND or OUTBOUND."));
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/campaigns/1/statistics?period=week").then()
                .statusCode(400).body("detail", equalTo("period must be hour or day."));
    }

    @Test
    void shouldServeCampaignDetailsWithTheSeedsFields() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 1, "Support Outbound", "OUTBOUND", "Australia/Sydney");
        TestFixtures.user(tenant, 1, "Ada", "agent", true, 1L);
        TestFixtures.user(tenant, 2, "Bob", "agent", true, 1L);
        as(tenant, TestFixtures.PLATFORM).body("{\"agentId\": 2, \"available\": true}").when()
                .put("/platform-api/v3.0/availability").then().statusCode(200).body("agentId", equalTo(2))
                .body("available", equalTo(true));

        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/campaigns/1").then().statusCode(200)
                .body("campaignId", equalTo(1)).body("campaignName", equalTo("Support Outbound"))
                .body("agents.total", equalTo(2)).body("agents.available", equalTo(1)).body("isActive", equalTo(true))
                .body("createdDate", matchesPattern(ISO_WITH_OFFSET.replace("[+-]\\d\\d", "\\+1[01]")))
                .body("lastUpdated", matchesPattern(ISO_WITH_OFFSET)).body("lists", hasSize(0))
                .body("timestamp", matchesPattern(ISO_WITH_OFFSET)).body("timezone", equalTo("Australia/Sydney"));

        // An empty queue: zero counters, no wait, estimate from one available agent with nobody waiting.
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/campaigns/1/statistics").then().statusCode(200)
                .body("maxCallWaitingTime", equalTo(0)).body("averageWaitingTime", equalTo(0))
                .body("estimatedCallWaitingTime", equalTo(300)).body("callsWaiting", equalTo(0))
                .body("callsReceived", equalTo(0)).body("callsAbandonedInWorkflow", equalTo(0))
                .body("callsAbandonedInQueue", equalTo(0));
    }

    @Test
    void shouldManageUsersAndListThemWithFiltersAndCursors() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 1, "Support", "INBOUND", "Europe/London");
        TestFixtures.user(tenant, 1, "Ada", "agent", true, 1L);
        TestFixtures.user(tenant, 2, "Sue", "supervisor", true, null);
        TestFixtures.user(tenant, 3, "Old", "agent", false, null);
        TestFixtures.user(tenant, 4, "Bob", "agent", true, 1L);
        as(tenant, TestFixtures.ADMIN).body("{\"name\": \"Nobody\", \"userType\": \"robot\"}").when()
                .post("/api/v1/users").then().statusCode(400)
                .body("detail", equalTo("userType must be agent or supervisor (or user)."));
        as(tenant, TestFixtures.ADMIN)
                .body("{\"name\": \"Bob B\", \"email\": \"bob@example.com\", \"userType\": \"agent\", \"active\": true,"
                        + " \"campaignId\": 1}")
                .when().put("/api/v1/users/4").then().statusCode(200).body("id", equalTo(4))
                .body("name", equalTo("Bob B")).body("email", equalTo("bob@example.com"))
                .body("userType", equalTo("agent")).body("active", equalTo(true)).body("campaignId", equalTo(1))
                .body("available", equalTo(false));

        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users").then().statusCode(200)
                .body("metadata.limit", equalTo(50)).body("metadata.nextCursor", nullValue())
                .body("items.userId", contains(1, 2, 3, 4)).body("items[0].name", equalTo("Ada"))
                .body("items[0].email", equalTo("u1@example.com")).body("items[0].userType", equalTo("agent"))
                .body("items[0].accountActive", equalTo(true)).body("items[0].campaignId", equalTo(1))
                .body("items[0].available", equalTo(false)).body("items[1].userType", equalTo("user"));
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users?userType=agent&accountActive=true")
                .then().statusCode(200).body("items.userId", contains(1, 4));
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users?accountActive=false").then()
                .statusCode(200).body("items.userId", contains(3));
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users?userType=user").then().statusCode(200)
                .body("items.userId", contains(2));
        String cursor = as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users?limit=3").then()
                .statusCode(200).body("items.userId", contains(1, 2, 3)).extract().path("metadata.nextCursor");
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users?limit=3&cursor=" + cursor).then()
                .statusCode(200).body("items.userId", contains(4)).body("metadata.nextCursor", nullValue());
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users?cursor=@@@").then().statusCode(400);

        // Presence: set, shown, refused for a supervisor or a stranger, and never across tenants.
        as(tenant, TestFixtures.PLATFORM).body("{\"agentId\": 4, \"available\": true}").when()
                .put("/platform-api/v3.0/availability").then().statusCode(200);
        as(tenant, TestFixtures.ADMIN).when().get("/api/v1/users/4").then().body("available", equalTo(true));
        as(tenant, TestFixtures.PLATFORM).body("{\"agentId\": 2, \"available\": true}").when()
                .put("/platform-api/v3.0/availability").then().statusCode(404)
                .body("detail", equalTo("No agent with id 2."));
        as(tenant, TestFixtures.PLATFORM).body("{\"agentId\": 4}").when().put("/platform-api/v3.0/availability").then()
                .statusCode(400).body("detail", equalTo("agentId and available are both required."));
        as(TestFixtures.newTenant(), TestFixtures.PLATFORM).body("{\"agentId\": 4, \"available\": false}").when()
                .put("/platform-api/v3.0/availability").then().statusCode(404);
        as(TestFixtures.newTenant(), TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users").then().body("items",
                hasSize(0));
    }

    private static void queueEvent(String tenant, String eventId, String type, String callId) {
        as(tenant, TestFixtures.DIALLER).body("{\"eventId\": \"" + eventId + "\", \"type\": \"" + type
                + "\", \"campaignId\": 1, \"callId\": \"" + callId + "\"}").when().post("/api/v1/queue-events").then()
                .statusCode(200);
    }

    @Test
    void shouldDeleteACampaignOnlyOnceNoCallWaitsAndTakeItsQueueWithIt() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 1, "Support", "INBOUND", "Europe/London");
        TestFixtures.serviceQueue(tenant, 1);
        TestFixtures.user(tenant, 11, "Ada", "agent", true, 1L);
        queueEvent(tenant, "del-1", "call-entered-queue", "c-1");

        // Another tenant can neither see nor delete it.
        String other = TestFixtures.newTenant();
        as(other, TestFixtures.ADMIN).when().delete("/api/v1/campaigns/1").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("No campaign with id 1."));

        as(tenant, TestFixtures.ADMIN).when().delete("/api/v1/campaigns/1").then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409))
                .body("detail", equalTo("Campaign 1 has calls waiting in its queue; delete it once they are answered"
                        + " or abandoned."));
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/campaigns/1/statistics").then().statusCode(200)
                .body("callsWaiting", equalTo(1)).body("callsReceived", equalTo(1));

        queueEvent(tenant, "del-2", "call-abandoned-in-queue", "c-1");
        as(tenant, TestFixtures.ADMIN).when().delete("/api/v1/campaigns/1").then().statusCode(204);
        as(tenant, TestFixtures.ADMIN).when().get("/api/v1/campaigns/1").then().statusCode(404).body("detail",
                equalTo("No campaign with id 1."));
        as(tenant, TestFixtures.ADMIN).when().delete("/api/v1/campaigns/1").then().statusCode(404);
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/campaigns/1/statistics").then()
                .statusCode(404);
        // Its agent stays, unassigned and unavailable.
        as(tenant, TestFixtures.ADMIN).when().get("/api/v1/users/11").then().statusCode(200)
                .body("campaignId", nullValue()).body("available", equalTo(false));

        // A campaign created again under the same id starts with an empty queue and fresh statistics.
        TestFixtures.campaign(tenant, 1, "Support again", "INBOUND", "Europe/London");
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/campaigns/1/statistics").then().statusCode(200)
                .body("callsWaiting", equalTo(0)).body("callsReceived", equalTo(0))
                .body("callsAbandonedInQueue", equalTo(0));
    }

    @Test
    void shouldDeleteUsersOfItsOwnTenantOnly() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.user(tenant, 21, "Grace", "supervisor", true, null);
        String other = TestFixtures.newTenant();
        as(other, TestFixtures.ADMIN).when().delete("/api/v1/users/21").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("No user with id 21."));
        as(tenant, TestFixtures.ADMIN).when().get("/api/v1/users/21").then().statusCode(200);

        as(tenant, TestFixtures.ADMIN).when().delete("/api/v1/users/21").then().statusCode(204);
        as(tenant, TestFixtures.ADMIN).when().get("/api/v1/users/21").then().statusCode(404).body("detail",
                equalTo("No user with id 21."));
        as(tenant, TestFixtures.ADMIN).when().delete("/api/v1/users/21").then().statusCode(404);
        as(tenant, TestFixtures.PLATFORM).when().get("/platform-api/v3.0/users").then().statusCode(200).body("items",
                hasSize(0));
    }

    private record Endpoint(String method, String path, String scope) {
    }

    @Test
    void shouldAnswer401WithoutATokenAnd403WithoutTheScope() {
        List<Endpoint> endpoints = List.of(new Endpoint("POST", "/api/v1/campaigns", TestFixtures.ADMIN),
                new Endpoint("GET", "/api/v1/campaigns", TestFixtures.ADMIN),
                new Endpoint("GET", "/api/v1/campaigns/1", TestFixtures.ADMIN),
                new Endpoint("PUT", "/api/v1/campaigns/1", TestFixtures.ADMIN),
                new Endpoint("DELETE", "/api/v1/campaigns/1", TestFixtures.ADMIN),
                new Endpoint("POST", "/api/v1/users", TestFixtures.ADMIN),
                new Endpoint("GET", "/api/v1/users", TestFixtures.ADMIN),
                new Endpoint("GET", "/api/v1/users/1", TestFixtures.ADMIN),
                new Endpoint("PUT", "/api/v1/users/1", TestFixtures.ADMIN),
                new Endpoint("DELETE", "/api/v1/users/1", TestFixtures.ADMIN),
                new Endpoint("POST", "/api/v1/queue-events", TestFixtures.DIALLER),
                new Endpoint("GET", "/api/v1/service-queues/1/ewt", TestFixtures.DIALLER),
                new Endpoint("GET", "/api/v1/service-queues/1/ewt/accuracy", TestFixtures.ADMIN),
                new Endpoint("GET", "/platform-api/v3.0/campaigns/1", TestFixtures.PLATFORM),
                new Endpoint("GET", "/platform-api/v3.0/campaigns/1/statistics", TestFixtures.PLATFORM),
                new Endpoint("GET", "/platform-api/v3.0/users", TestFixtures.PLATFORM),
                new Endpoint("PUT", "/platform-api/v3.0/availability", TestFixtures.PLATFORM));
        String tenant = TestFixtures.newTenant();
        for (Endpoint e : endpoints) {
            given().contentType(ContentType.JSON).body("{}").when().request(e.method(), e.path()).then()
                    .statusCode(401);
            given().auth().oauth2(TestTokens.expired(tenant, e.scope())).contentType(ContentType.JSON).body("{}").when()
                    .request(e.method(), e.path()).then().statusCode(401);
            given().auth().oauth2(TestTokens.signedByStranger(tenant, e.scope())).contentType(ContentType.JSON)
                    .body("{}").when().request(e.method(), e.path()).then().statusCode(401);
            given().auth().oauth2(TestTokens.token(tenant, "buzzeasy.callback")).contentType(ContentType.JSON)
                    .body("{}").when().request(e.method(), e.path()).then().statusCode(403);
        }
    }
}
