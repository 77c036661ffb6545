package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/** Platform API v3.0 leads: create, details with every field of the seed sample, filters, update, delete. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class LeadApiTest {

    static final String ISO_WITH_OFFSET = ListApiTest.ISO_WITH_OFFSET;

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    String tenant;
    String token;
    long listId;

    @BeforeEach
    void setUp() {
        tenant = TestFixtures.newTenant();
        token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        TestFixtures.campaign(codec, pool, tenant, 2, "Sales Outbound", "Australia/Sydney");
        TestFixtures.agent(codec, pool, tenant, 1002, "John Doe");
        listId = TestFixtures.list(tenant, 2, "List One");
    }

    @Test
    void shouldCreateALeadAndShowEveryFieldOfTheSeedSample() {
        String body = "{\"listId\": " + listId + ", \"customerKey\": \"10000001\", \"timezone\": \"Australia/Sydney\","
                + " \"phone1\": \"0499 999 999\", \"phone2\": \"+61 2 9999 9999\", \"nextAttemptTimestamp\":"
                + " \"2019-08-24T14:15:22Z\", \"leadData\": {\"firstName\": \"Ada\", \"plan\": \"gold\"},"
                + " \"statusCode\": 3, \"agentId\": 1002}";
        long leadId = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/platform-api/v3.0/leads").then().statusCode(201)
                .header("Location", containsString("/platform-api/v3.0/leads/")).body("inDialler", equalTo(true))
                .body("leadId", notNullValue()).extract().jsonPath().getLong("leadId");
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200)
                .body("leadId", equalTo((int) leadId)).body("campaignId", equalTo(2))
                .body("campaignName", equalTo("Sales Outbound")).body("listId", equalTo((int) listId))
                .body("listName", equalTo("List One")).body("timezone", equalTo("Australia/Sydney"))
                .body("completed", equalTo(false)).body("customerKey", equalTo("10000001"))
                .body("agentId", equalTo(1002)).body("agentFullName", equalTo("John Doe"))
                .body("dataFields.firstName", equalTo("Ada")).body("dataFields.plan", equalTo("gold"))
                .body("lastStatusCode", equalTo(3)).body("lastStatusDescription", nullValue())
                // read in Australia, the country of the lead's time zone
                .body("phones", hasSize(2)).body("phones[0].phoneIndex", equalTo(1))
                .body("phones[0].phoneNumber", equalTo("+61499999999")).body("phones[1].phoneIndex", equalTo(2))
                .body("phones[1].phoneNumber", equalTo("+61299999999")).body("outcomeType", equalTo("preview"))
                .body("outcomesInfo.attempts", equalTo(0)).body("outcomesInfo.maxAttempts", equalTo(5))
                .body("outcomesInfo.lastAttemptId", nullValue())
                .body("timestamps.uploadedTimestamp", matchesPattern(ISO_WITH_OFFSET))
                .body("timestamps.updatedTimestamp", matchesPattern(ISO_WITH_OFFSET))
                .body("timestamps.nextAttemptTimestamp", equalTo("2019-08-25T00:15:22+10:00"))
                .body("timestamps.lastAttemptTimestamp", nullValue());
    }

    @Test
    void shouldReadNumbersInTheCampaignsCountryWhenTheLeadHasNoZoneAndAcceptStrings() {
        long leadId = TestFixtures.lead(tenant,
                "{\"LISTID\": \"" + listId + "\", \"Phone1\": \"0412 345 678\", \"statusCode\": \"4\"}");
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200)
                .body("phones[0].phoneNumber", equalTo("+61412345678")).body("lastStatusCode", equalTo(4))
                .body("timezone", equalTo("Australia/Sydney")).body("dataFields.size()", equalTo(0));
    }

    @Test
    void shouldRefuseWhatTheRulesRefuseNamingTheField() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"phone1\": \"+61499999999\"}")
                .post("/platform-api/v3.0/leads").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("listId"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"listId\": 987654}")
                .post("/platform-api/v3.0/leads").then().statusCode(400).body("errors[0].field", equalTo("listId"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"listId\": " + listId + ", \"phone1\": \"+61499999998\", \"phone2\": \"12\"}")
                .post("/platform-api/v3.0/leads").then().statusCode(400)
                .body("type", equalTo("https://switchboard.io/problems/invalid-phone-number"))
                .body("errors[0].field", equalTo("phone2"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"listId\": " + listId + ", \"timezone\": \"Mars/Olympus\", \"nextAttemptTimestamp\": \"soon\","
                        + " \"leadData\": [1]}")
                .post("/platform-api/v3.0/leads").then().statusCode(400).body("errors.field",
                        org.hamcrest.Matchers.containsInAnyOrder("timezone", "nextAttemptTimestamp", "leadData"));
    }

    @Test
    void shouldRefuseADuplicateCustomerKeyInTheListOrPhoneInTheCampaign() {
        TestFixtures.lead(tenant,
                "{\"listId\": " + listId + ", \"customerKey\": \"K1\", \"phone1\": \"+61400000001\"}");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"listId\": " + listId + ", \"customerKey\": \"K1\", \"phone1\": \"+61400000002\"}")
                .post("/platform-api/v3.0/leads").then().statusCode(409)
                .body("errors[0].field", equalTo("customerKey"));
        long other = TestFixtures.list(tenant, 2, "Same campaign");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"listId\": " + other + ", \"customerKey\": \"K2\", \"phone1\": \"+61400000003\","
                        + " \"phone2\": \"+61400000001\"}")
                .post("/platform-api/v3.0/leads").then().statusCode(409).body("errors[0].field", equalTo("phone2"));
        // the same key in another list is no duplicate
        TestFixtures.lead(tenant, "{\"listId\": " + other + ", \"customerKey\": \"K1\", \"phone1\": \"+61400000004\"}");
    }

    @Test
    void shouldFilterLeadsByEverySeedFilterAndPageThem() {
        long other = TestFixtures.list(tenant, 2, "Other");
        long a = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"customerKey\": \"A\", \"statusCode\": 1}");
        long b = TestFixtures.lead(tenant, "{\"listId\": " + other + ", \"customerKey\": \"B\", \"statusCode\": 2}");
        long c = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"customerKey\": \"C\", \"statusCode\": 2}");
        assertThat(ids("listId", listId)).containsExactly(a, c);
        assertThat(ids("campaignId", 2)).containsExactly(a, b, c);
        assertThat(ids("statusCode", 2)).containsExactly(b, c);
        assertThat(ids("customerKey", "B")).containsExactly(b);
        assertThat(ids("uploadedTimestampFrom", "2000-01-01T00:00:00Z")).containsExactly(a, b, c);
        assertThat(ids("uploadedTimestampTo", "2000-01-01T00:00:00+10:00")).isEmpty();
        var page = given().auth().oauth2(token).queryParam("limit", 2).get("/platform-api/v3.0/leads").then()
                .statusCode(200).body("metadata.limit", equalTo(2)).body("items", hasSize(2)).extract().jsonPath();
        given().auth().oauth2(token).queryParam("cursor", page.getString("metadata.nextCursor"))
                .get("/platform-api/v3.0/leads").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].leadId", equalTo((int) c)).body("items[0].listName", equalTo("List One"))
                .body("metadata.nextCursor", nullValue());
        given().auth().oauth2(token).queryParam("uploadedTimestampFrom", "yesterday").get("/platform-api/v3.0/leads")
                .then().statusCode(400).body("errors[0].field", equalTo("uploadedTimestampFrom"));
        given().auth().oauth2(token).queryParam("statusCode", "x").get("/platform-api/v3.0/leads").then()
                .statusCode(400);
        given().auth().oauth2(token).queryParam("cursor", "%%%").get("/platform-api/v3.0/leads").then().statusCode(400);
    }

    private java.util.List<Long> ids(String filter, Object value) {
        return given().auth().oauth2(token).queryParam(filter, value).get("/platform-api/v3.0/leads").then()
                .statusCode(200).extract().jsonPath().getList("items.leadId", Long.class);
    }

    @Test
    void shouldUpdateALeadAndOnlyEverCompleteIt() {
        long leadId = TestFixtures.lead(tenant, "{\"listId\": " + listId
                + ", \"customerKey\": \"P1\", \"phone1\": \"+61400000011\", \"leadData\": {\"a\": \"1\", \"b\": \"2\"}}");
        long other = TestFixtures.list(tenant, 2, "Moved");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"listId\": " + other
                + ", \"phone2\": \"0400 000 012\", \"statusCode\": 7, \"agentId\": 1002,"
                + " \"leadData\": {\"b\": null, \"c\": \"3\"}, \"nextAttemptTimestamp\": \"2030-01-01T09:00:00\"}")
                .patch("/platform-api/v3.0/leads/" + leadId).then().statusCode(200).body("listId", equalTo((int) other))
                .body("listName", equalTo("Moved")).body("customerKey", equalTo("P1"))
                .body("phones[1].phoneNumber", equalTo("+61400000012")).body("lastStatusCode", equalTo(7))
                .body("agentFullName", equalTo("John Doe")).body("dataFields.a", equalTo("1"))
                .body("dataFields.b", nullValue()).body("dataFields.c", equalTo("3"))
                .body("timestamps.nextAttemptTimestamp", equalTo("2030-01-01T09:00:00+11:00"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"isCompleted\": true}")
                .patch("/platform-api/v3.0/leads/" + leadId).then().statusCode(200).body("completed", equalTo(true))
                .body("timestamps.completedTimestamp", matchesPattern(ISO_WITH_OFFSET));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"isCompleted\": false}")
                .patch("/platform-api/v3.0/leads/" + leadId).then().statusCode(400)
                .body("errors[0].field", equalTo("isCompleted"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"phone1\": \"nope\"}")
                .patch("/platform-api/v3.0/leads/" + leadId).then().statusCode(400)
                .body("errors[0].field", equalTo("phone1"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{}").patch("/platform-api/v3.0/leads/424242")
                .then().statusCode(404);
    }

    @Test
    void shouldDeleteALeadAndFreeItsNumber() {
        long leadId = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+61400000021\"}");
        given().auth().oauth2(token).delete("/platform-api/v3.0/leads/" + leadId).then().statusCode(204);
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token).delete("/platform-api/v3.0/leads/" + leadId).then().statusCode(404);
        TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"phone1\": \"+61400000021\"}");
    }

    @Test
    void shouldKeepTenantsApart() {
        long leadId = TestFixtures.lead(tenant, "{\"listId\": " + listId + "}");
        String other = TestTokens.token(TestFixtures.newTenant(), TestFixtures.PLATFORM);
        given().auth().oauth2(other).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(404);
        given().auth().oauth2(other).delete("/platform-api/v3.0/leads/" + leadId).then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{\"isCompleted\": true}")
                .patch("/platform-api/v3.0/leads/" + leadId).then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body("{\"listId\": " + listId + "}")
                .post("/platform-api/v3.0/leads").then().statusCode(400).body("errors[0].field", equalTo("listId"));
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200);
    }

    @Test
    void shouldAnswer401WithoutAValidTokenAnd403WithoutThePlatformScope() {
        String wrongScope = TestTokens.token(tenant, TestFixtures.DIALLER);
        String expired = TestTokens.expired(tenant, TestFixtures.PLATFORM);
        for (String path : new String[] { "/platform-api/v3.0/leads", "/platform-api/v3.0/leads/1" }) {
            given().get(path).then().statusCode(401).contentType("application/problem+json");
            given().auth().oauth2(expired).get(path).then().statusCode(401);
            given().auth().oauth2(wrongScope).get(path).then().statusCode(403).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body("{}").post("/platform-api/v3.0/leads").then().statusCode(401);
        given().auth().oauth2(wrongScope).contentType(ContentType.JSON).body("{}").post("/platform-api/v3.0/leads")
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").patch("/platform-api/v3.0/leads/1").then().statusCode(401);
        given().auth().oauth2(wrongScope).contentType(ContentType.JSON).body("{}").patch("/platform-api/v3.0/leads/1")
                .then().statusCode(403);
        given().delete("/platform-api/v3.0/leads/1").then().statusCode(401);
        given().auth().oauth2(wrongScope).delete("/platform-api/v3.0/leads/1").then().statusCode(403);
    }
}
