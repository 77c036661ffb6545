package io.switchboard.crm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;

/** The SwitchTransact Calls API with the seed's bodies and answers. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class SwitchTransactCallsTest {

    private static final String SEED_CREATE = "{\n\"firstname\": \"James\",\n\"lastname\": \"May\",\n"
            + "\"phone\": \"0721234567\",\n}";

    @Test
    void shouldCreateTheSeedRecordAndFindItByPhoneInAnyFormatByEmailAndByAutocomplete() {
        String tenant = TestFixtures.newTenant("ZA", "Africa/Johannesburg");
        String key = TestFixtures.apiKey(tenant, "General:Read", "General:Write");

        String id = given().header("X-Api-Key", key).body(SEED_CREATE).post("/calls/create").then().statusCode(200)
                .body("firstname", equalTo("James")).body("lastname", equalTo("May"))
                .body("phone", equalTo("0721234567")).body("status", equalTo(true))
                .body("id", matchesPattern("[0-9a-f-]{36}")).body("size()", equalTo(5)).extract().path("id");

        for (String phone : new String[] { "+27721234567", "0721234567", "072 123 4567", "0027721234567" }) {
            assertSeedContact(given().header("X-Api-Key", key).queryParam("phone", phone).get("/calls/record").then(),
                    id, null, null);
        }
        for (String term : new String[] { "Jam", "may", "+2772123", "07212" }) {
            assertSeedContact(
                    given().header("X-Api-Key", key).queryParam("term", term).get("/calls/autocomplete").then(), id,
                    null, null);
        }
    }

    @Test
    void shouldCreateARecordWithEveryFieldAndShowEachOfThem() {
        String tenant = TestFixtures.newTenant("ZA", "Africa/Johannesburg");
        String key = TestFixtures.apiKey(tenant, "General:Read", "General:Write");
        String id = given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON)
                .body("{\"firstname\": \"James\", \"lastname\": \"May\", \"customer_number\": \"3008821\","
                        + " \"company\": \"My Company name\", \"mobilephone\": \"+27721234567\","
                        + " \"businessphone\": \"011 555 0100\", \"email\": \"James@May.com\", \"entity_type\": \"account\"}")
                .post("/calls/create").then().statusCode(200).body("customer_number", equalTo("3008821"))
                .body("entity_type", equalTo("account")).body("status", equalTo(true)).extract().path("id");

        given().header("X-Api-Key", key).queryParam("email", "JAMES@may.com").get("/calls/record").then()
                .statusCode(200).body("status", equalTo(true)).body("contact.id", equalTo(id))
                .body("contact.firstname", equalTo("James")).body("contact.lastname", equalTo("May"))
                .body("contact.customer_number", equalTo("3008821")).body("contact.company", equalTo("My Company name"))
                .body("contact.businessphone", equalTo("+27115550100")).body("contact.businessphone2", nullValue())
                .body("contact.containsKey('businessphone2')", equalTo(true))
                .body("contact.mobilephone", equalTo("+27721234567")).body("contact.email", equalTo("James@May.com"))
                .body("contact.entity_type", equalTo("Account")).body("contact.size()", equalTo(10));
        // The business phone is found by phone too, and a company prefix by autocomplete.
        given().header("X-Api-Key", key).queryParam("phone", "0115550100").get("/calls/record").then()
                .body("contact.id", equalTo(id));
        given().header("X-Api-Key", key).queryParam("term", "my comp").get("/calls/autocomplete").then()
                .body("contact.id", equalTo(id));
        given().header("X-Api-Key", key).queryParam("term", "james@m").get("/calls/autocomplete").then()
                .body("contact.id", equalTo(id));
    }

    @Test
    void shouldAnswerStatusFalseWhenNothingMatches() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String key = TestFixtures.apiKey(tenant, "General:Read");
        given().header("X-Api-Key", key).queryParam("phone", "07400 123456").get("/calls/record").then().statusCode(200)
                .body("status", equalTo(false)).body("size()", equalTo(1));
        given().header("X-Api-Key", key).queryParam("email", "nobody@example.com").get("/calls/record").then()
                .statusCode(200).body("status", equalTo(false)).body("size()", equalTo(1));
        given().header("X-Api-Key", key).queryParam("term", "zzz").get("/calls/autocomplete").then().statusCode(200)
                .body("status", equalTo(false)).body("size()", equalTo(1));
    }

    @Test
    void shouldNeverShowOneTenantsRecordsToAnother() {
        String tenantA = TestFixtures.newTenant("GB", "Europe/London");
        String tenantB = TestFixtures.newTenant("GB", "Europe/London");
        String keyA = TestFixtures.apiKey(tenantA, "General:Read", "General:Write");
        String keyB = TestFixtures.apiKey(tenantB, "General:Read");
        given().header("X-Api-Key", keyA)
                .body("{\"firstname\": \"Ada\", \"lastname\": \"Tenantone\","
                        + " \"phone\": \"07400 111222\", \"email\": \"ada@one.example\"}")
                .post("/calls/create").then().statusCode(200);
        given().header("X-Api-Key", keyB).queryParam("phone", "07400111222").get("/calls/record").then().body("status",
                equalTo(false));
        given().header("X-Api-Key", keyB).queryParam("email", "ada@one.example").get("/calls/record").then()
                .body("status", equalTo(false));
        given().header("X-Api-Key", keyB).queryParam("term", "tenanton").get("/calls/autocomplete").then()
                .body("status", equalTo(false));
    }

    @Test
    void shouldPreferAnExactMatchThenTheShortestInAutocomplete() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String key = TestFixtures.apiKey(tenant, "General:Read", "General:Write");
        create(key, "{\"firstname\": \"Maynard\", \"lastname\": \"Keenan\", \"phone\": \"07400 000001\"}");
        String may = create(key, "{\"firstname\": \"James\", \"lastname\": \"May\", \"phone\": \"07400 000002\"}");
        String mayfair = create(key, "{\"company\": \"Mayfair Ltd\", \"phone\": \"07400 000003\"}");
        given().header("X-Api-Key", key).queryParam("term", "MAY").get("/calls/autocomplete").then().body("contact.id",
                equalTo(may));
        given().header("X-Api-Key", key).queryParam("term", "mayf").get("/calls/autocomplete").then().body("contact.id",
                equalTo(mayfair));
    }

    @Test
    void shouldAnswer400WithTheSeedErrorShapeForBadInput() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String key = TestFixtures.apiKey(tenant, "General:Read", "General:Write");
        given().header("X-Api-Key", key).queryParam("phone", "12").get("/calls/record").then().statusCode(400)
                .body("status", equalTo(false)).body("error", matchesPattern(".*phone.*")).body("size()", equalTo(2));
        given().header("X-Api-Key", key).get("/calls/record").then().statusCode(400).body("status", equalTo(false));
        given().header("X-Api-Key", key).get("/calls/autocomplete").then().statusCode(400).body("error",
                matchesPattern(".*term.*"));
        given().header("X-Api-Key", key).body("{\"firstname\": \"James\", \"phone\": \"not a number\"}")
                .post("/calls/create").then().statusCode(400).body("status", equalTo(false))
                .body("error", matchesPattern("phone .*"));
        given().header("X-Api-Key", key).body("{\"phone\": \"07400 123456\"}").post("/calls/create").then()
                .statusCode(400).body("error", matchesPattern(".*firstname.*"));
        given().header("X-Api-Key", key).body("{\"firstname\": \"J\", \"entity_type\": \"Person\"}")
                .post("/calls/create").then().statusCode(400).body("error", matchesPattern("entity_type .*"));
        given().header("X-Api-Key", key).body("{not json").post("/calls/create").then().statusCode(400)
                .body("status", equalTo(false)).body("error", equalTo("The body is not valid JSON."));
    }

    @Test
    void shouldAnswer401WithTheSeedShapeForAMissingUnknownOrRevokedKeyOnEveryCall() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String key = TestFixtures.apiKey(tenant, "General:Read", "General:Write");
        String keyId = given().auth().oauth2(io.switchboard.testing.TestTokens.token(tenant, TestFixtures.ADMIN))
                .get("/api/v1/api-keys").then().extract().path("[0].id");
        given().auth().oauth2(io.switchboard.testing.TestTokens.token(tenant, TestFixtures.ADMIN))
                .delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        for (String presented : new String[] { null, "sbk_unknown", key }) {
            for (String[] call : new String[][] { { "GET", "/calls/record?phone=07400123456" },
                    { "GET", "/calls/record?email=a@b.com" }, { "GET", "/calls/autocomplete?term=abc" },
                    { "POST", "/calls/create" }, { "POST", "/calls/log" } }) {
                var request = given().body("{}");
                if (presented != null) {
                    request.header("X-Api-Key", presented);
                }
                request.request(call[0], call[1]).then().statusCode(401).body("status", equalTo(false))
                        .body("error", not(nullValue())).body("size()", equalTo(2));
            }
        }
    }

    @Test
    void shouldAnswer403WithTheSeedsExactBodyNamingWhatWasRequested() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        String readOnly = TestFixtures.apiKey(tenant, "General:Read");
        String writeOnly = TestFixtures.apiKey(tenant, "General:Write");
        for (String path : new String[] { "/calls/record?phone=07400123456", "/calls/record?email=a@b.com",
                "/calls/autocomplete?term=abc" }) {
            given().header("X-Api-Key", writeOnly).get(path).then().statusCode(403).body("status", equalTo(false))
                    .body("error", equalTo("Not authorized to make this API call. Requesting Read on General."))
                    .body("size()", equalTo(2));
        }
        for (String path : new String[] { "/calls/create", "/calls/log" }) {
            given().header("Authorization", "Bearer " + readOnly).body("{}").post(path).then().statusCode(403)
                    .body("status", equalTo(false))
                    .body("error", equalTo("Not authorized to make this API call. Requesting Write on General."))
                    .body("$", not(hasKey("contact")));
        }
    }

    private static String create(String key, String body) {
        return given().header("X-Api-Key", key).body(body).post("/calls/create").then().statusCode(200).extract()
                .path("id");
    }

    private static void assertSeedContact(ValidatableResponse response, String id, String unused1, String unused2) {
        response.statusCode(200).body("status", equalTo(true)).body("contact.id", equalTo(id))
                .body("contact.firstname", equalTo("James")).body("contact.lastname", equalTo("May"))
                .body("contact.customer_number", nullValue()).body("contact.company", nullValue())
                .body("contact.businessphone", nullValue()).body("contact.businessphone2", nullValue())
                .body("contact.mobilephone", equalTo("+27721234567")).body("contact.email", nullValue())
                .body("contact.entity_type", equalTo("Contact")).body("contact.size()", equalTo(10));
    }
}
