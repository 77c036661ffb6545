package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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

/** The Buzzeasy unified Campaign API: contacts become leads of the campaign's default list. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CampaignContactTest {

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    String tenant;
    String token;

    @BeforeEach
    void setUp() {
        tenant = TestFixtures.newTenant();
        token = TestTokens.token(tenant, TestFixtures.CONTACTS);
        TestFixtures.campaign(codec, pool, tenant, 1, "Support Inbound", "Europe/London");
    }

    @Test
    void shouldTurnAContactIntoALeadOfTheCampaignsDefaultList() {
        int leadId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"firstName\": \"Ada\", \"secondName\": \"Ada Lovelace\", \"phoneNo\": \"07400 123456\","
                        + " \"campaignId\": 1, \"region\": \"GB\", \"field1\": \"order 42\", \"field10\": \"vip\"}")
                .post("/api/v1/campaign-contacts").then().statusCode(201).extract().jsonPath().getInt("leadId");
        String platform = TestTokens.token(tenant, TestFixtures.PLATFORM);
        var lead = given().auth().oauth2(platform).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200)
                .body("campaignId", equalTo(1)).body("campaignName", equalTo("Support Inbound"))
                .body("listName", equalTo("Campaign contacts")).body("phones", hasSize(1))
                .body("phones[0].phoneNumber", equalTo("+447400123456")).body("dataFields.firstName", equalTo("Ada"))
                .body("dataFields.secondName", equalTo("Ada Lovelace")).body("dataFields.field1", equalTo("order 42"))
                .body("dataFields.field10", equalTo("vip")).body("dataFields.field2", nullValue())
                .body("completed", equalTo(false)).extract().jsonPath();
        long listId = lead.getLong("listId");
        // the default list is created once, on the first contact, and reused
        int second = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447400123457\", \"campaignId\": 1}").post("/api/v1/campaign-contacts").then()
                .statusCode(201).extract().jsonPath().getInt("leadId");
        given().auth().oauth2(platform).get("/platform-api/v3.0/leads/" + second).then().statusCode(200).body("listId",
                equalTo((int) listId));
        given().auth().oauth2(platform).queryParam("campaignId", 1).get("/platform-api/v3.0/lists").then()
                .statusCode(200).body("items", hasSize(1));
    }

    @Test
    void shouldAnswerTheLocationOfTheLead() {
        var response = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447400123460\", \"campaignId\": 1}").post("/api/v1/campaign-contacts").then()
                .statusCode(201);
        int leadId = response.extract().jsonPath().getInt("leadId");
        response.header("Location", endsWith("/platform-api/v3.0/leads/" + leadId));
    }

    @Test
    void shouldAcceptNamesInAnyCaseAndNumbersAsStrings() {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"FIRSTNAME\": \"Bob\", \"PhoneNo\": \"+447400123470\", \"CampaignId\": \"1\"}")
                .post("/api/v1/campaign-contacts").then().statusCode(201);
    }

    @Test
    void shouldAnswerTheExistingLeadForARepeatedContact() {
        int first = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447400123480\", \"campaignId\": 1}").post("/api/v1/campaign-contacts").then()
                .statusCode(201).extract().jsonPath().getInt("leadId");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"07400 123480\", \"region\": \"GB\", \"campaignId\": 1}")
                .post("/api/v1/campaign-contacts").then().statusCode(200).body("leadId", equalTo(first));
    }

    @Test
    void shouldAnswerTheSeedsTwo400s() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"phoneNo\": \"12345\", \"campaignId\": 1}")
                .post("/api/v1/campaign-contacts").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("The phone number passed across is invalid and cannot be formatted."))
                .body("errors[0].field", equalTo("phoneNo"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"firstName\": \"x\"}")
                .post("/api/v1/campaign-contacts").then().statusCode(400)
                .body("detail", equalTo("Parameters passed across are invalid."));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447400123490\"," + " \"campaignId\": \"one\"}")
                .post("/api/v1/campaign-contacts").then().statusCode(400)
                .body("detail", equalTo("Parameters passed across are invalid."))
                .body("errors[0].field", equalTo("campaignId"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447400123490\"," + " \"campaignId\": 999}").post("/api/v1/campaign-contacts")
                .then().statusCode(400).body("detail", equalTo("Parameters passed across are invalid."))
                .body("errors[0].field", equalTo("campaignId"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{not json").post("/api/v1/campaign-contacts")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldAnswer401ForAMissingExpiredForeignOrUnscopedToken() {
        String body = "{\"phoneNo\": \"+447400123499\", \"campaignId\": 1}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/campaign-contacts").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expired(tenant, TestFixtures.CONTACTS)).contentType(ContentType.JSON)
                .body(body).post("/api/v1/campaign-contacts").then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByStranger(tenant, TestFixtures.CONTACTS)).contentType(ContentType.JSON)
                .body(body).post("/api/v1/campaign-contacts").then().statusCode(401);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/campaign-contacts").then().statusCode(401);
    }
}
