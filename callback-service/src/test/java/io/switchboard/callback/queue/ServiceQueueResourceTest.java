package io.switchboard.callback.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.switchboard.callback.TestFixtures;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ServiceQueueResourceTest {

    private static final String TENANT = TestFixtures.newTenant();
    static final String FULL_DEFINITION = """
            {"id": 7, "name": "Billing", "timeZone": "Europe/London",
             "openingHours": [{"day": "MONDAY", "from": "09:00", "to": "17:30"}, {"day": "saturday", "from": "10:00", "to": "24:00"}],
             "holidays": [{"date": "2027-12-25", "name": "Christmas Day"}],
             "closures": [{"from": "2027-01-04T12:00:00Z", "to": "2027-01-04T14:00:00Z", "reason": "Training"}],
             "timeslots": {"lengthMinutes": 15, "capacity": 2},
             "fieldLabels": ["Order", "Account"],
             "retryPolicy": {"maxAttempts": 4, "intervalSeconds": 300},
             "whiteList": ["+44740*", "+353851234567"], "blackList": ["+447400666666"],
             "duplicateWindowSeconds": 1800}
            """;

    private static RequestSpecification admin(String tenant) {
        return given().auth().oauth2(TestTokens.token(tenant, "switchboard.admin")).contentType(ContentType.JSON);
    }

    @Test
    void shouldCreateReadListReplaceAndDeleteAQueueAuditingEachChange() {
        admin(TENANT).body(FULL_DEFINITION).when().post("/api/v1/service-queues").then().statusCode(201)
                .header("Location", endsWith("/api/v1/service-queues/7")).body("id", equalTo(7))
                .body("name", equalTo("Billing")).body("timeZone", equalTo("Europe/London"))
                .body("openingHours.day", contains("MONDAY", "SATURDAY"))
                .body("openingHours.from", contains("09:00", "10:00"))
                .body("openingHours.to", contains("17:30", "24:00")).body("holidays[0].date", equalTo("2027-12-25"))
                .body("holidays[0].name", equalTo("Christmas Day"))
                .body("closures[0].from", equalTo("2027-01-04T12:00:00Z"))
                .body("closures[0].to", equalTo("2027-01-04T14:00:00Z")).body("closures[0].reason", equalTo("Training"))
                .body("timeslots.lengthMinutes", equalTo(15)).body("timeslots.capacity", equalTo(2))
                .body("fieldLabels", contains("Order", "Account")).body("retryPolicy.maxAttempts", equalTo(4))
                .body("retryPolicy.intervalSeconds", equalTo(300))
                .body("whiteList", contains("+353851234567", "+44740*")).body("blackList", contains("+447400666666"))
                .body("duplicateWindowSeconds", equalTo(1800)).body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());

        admin(TENANT).when().get("/api/v1/service-queues/7").then().statusCode(200).body("name", equalTo("Billing"))
                .body("whiteList", contains("+353851234567", "+44740*"));
        admin(TENANT).when().get("/api/v1/service-queues").then().statusCode(200).body("items.id", hasItem(7));

        admin(TENANT).body("""
                {"name": "Billing and Payments", "timeZone": "Europe/Dublin", "openingHours": []}
                """).when().put("/api/v1/service-queues/7").then().statusCode(200).body("id", equalTo(7))
                .body("name", equalTo("Billing and Payments")).body("timeZone", equalTo("Europe/Dublin"))
                .body("openingHours", empty()).body("whiteList", empty()).body("timeslots.lengthMinutes", equalTo(30))
                .body("timeslots.capacity", equalTo(5)).body("retryPolicy.maxAttempts", equalTo(3))
                .body("duplicateWindowSeconds", equalTo(86400));

        admin(TENANT).when().delete("/api/v1/service-queues/7").then().statusCode(204);
        admin(TENANT).when().get("/api/v1/service-queues/7").then().statusCode(404)
                .contentType("application/problem+json");

        admin(TENANT).when().get("/api/v1/service-queues/7/audit").then().statusCode(200)
                .body("action", contains("CREATED", "UPDATED", "DELETED"))
                .body("actor", contains("test-client", "test-client", "test-client")).body("[0].before", nullValue())
                .body("[0].after.name", equalTo("Billing")).body("[1].before.name", equalTo("Billing"))
                .body("[1].after.name", equalTo("Billing and Payments"))
                .body("[2].before.name", equalTo("Billing and Payments")).body("[2].after", nullValue())
                .body("occurredAt", everyItem(notNullValue()));
    }

    @Test
    void shouldDefaultEveryOptionalSettingToAnAlwaysOpenQueue() {
        admin(TENANT).body("{\"id\": 8, \"name\": \"Plain\", \"timeZone\": \"Europe/London\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201).body("openingHours.size()", equalTo(7))
                .body("openingHours.from", everyItem(equalTo("00:00")))
                .body("openingHours.to", everyItem(equalTo("24:00"))).body("holidays", empty())
                .body("closures", empty()).body("fieldLabels", empty()).body("blackList", empty())
                .body("timeslots.lengthMinutes", equalTo(30));
    }

    @Test
    void shouldAnswer400ProblemListingEveryInvalidSetting() {
        admin(TENANT).body("""
                {"id": 0, "name": "", "timeZone": "Mars/Olympus",
                 "openingHours": [{"day": "MONDAY", "from": "17:00", "to": "09:00"}, {"from": "09:00", "to": "10:00"}],
                 "holidays": [{"name": "no date"}],
                 "closures": [{"from": "2027-01-04T14:00:00Z", "to": "2027-01-04T12:00:00Z"}],
                 "timeslots": {"lengthMinutes": 7, "capacity": -1},
                 "fieldLabels": ["1","2","3","4","5","6","7","8","9","10","11"],
                 "retryPolicy": {"maxAttempts": 0, "intervalSeconds": -5},
                 "whiteList": ["07400 123456"], "blackList": ["+44*7"], "duplicateWindowSeconds": -1}
                """).when().post("/api/v1/service-queues").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Bad Request")).body("errors.field",
                        containsInAnyOrder("id", "name", "timeZone", "openingHours[0]", "openingHours[1].day",
                                "holidays[0].date", "closures[0]", "timeslots.lengthMinutes", "timeslots.capacity",
                                "fieldLabels", "retryPolicy.maxAttempts", "retryPolicy.intervalSeconds", "whiteList[0]",
                                "blackList[0]", "duplicateWindowSeconds"));
        admin(TENANT).body(
                "{\"id\": 9, \"name\": \"X\", \"timeZone\": \"Europe/London\", \"holidays\": [{\"date\": \"25/12\"}]}")
                .when().post("/api/v1/service-queues").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldAnswer409ForAnExistingIdAnd404ForReplacingAnUnknownQueue() {
        admin(TENANT).body("{\"id\": 10, \"name\": \"Ten\", \"timeZone\": \"UTC\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201);
        admin(TENANT).body("{\"id\": 10, \"name\": \"Ten again\", \"timeZone\": \"UTC\"}").when()
                .post("/api/v1/service-queues").then().statusCode(409).contentType("application/problem+json");
        admin(TENANT).body("{\"name\": \"Nobody\", \"timeZone\": \"UTC\"}").when().put("/api/v1/service-queues/404")
                .then().statusCode(404).contentType("application/problem+json");
        admin(TENANT).body("{\"id\": 11, \"name\": \"Ten\", \"timeZone\": \"UTC\"}").when()
                .put("/api/v1/service-queues/10").then().statusCode(400).contentType("application/problem+json");
        admin(TENANT).when().delete("/api/v1/service-queues/404").then().statusCode(404);
    }

    @Test
    void shouldRefuseToDeleteAQueueThatHasCallbacks() {
        admin(TENANT).body("{\"id\": 12, \"name\": \"Busy\", \"timeZone\": \"UTC\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201);
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447400123456\", \"serviceQueue\": 12, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then().statusCode(201);
        admin(TENANT).when().delete("/api/v1/service-queues/12").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void shouldReplayAnIdempotentCreateAndRefuseTheKeyForAnotherBody() {
        String body = "{\"id\": 13, \"name\": \"Once\", \"timeZone\": \"UTC\"}";
        admin(TENANT).header("Idempotency-Key", "queue-13").body(body).when().post("/api/v1/service-queues").then()
                .statusCode(201).header("Location", endsWith("/api/v1/service-queues/13"));
        admin(TENANT).header("Idempotency-Key", "queue-13").body(body).when().post("/api/v1/service-queues").then()
                .statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", endsWith("/api/v1/service-queues/13")).body("id", equalTo(13))
                .body("name", equalTo("Once"));
        admin(TENANT).header("Idempotency-Key", "queue-13")
                .body("{\"id\": 14, \"name\": \"Other\", \"timeZone\": \"UTC\"}").when().post("/api/v1/service-queues")
                .then().statusCode(422).contentType("application/problem+json");
        admin(TENANT).when().get("/api/v1/service-queues/13/audit").then().body("action", equalTo(List.of("CREATED")));
    }

    @Test
    void shouldAnswer401WithoutTokenAnd403WithoutAdminScope() {
        given().when().get("/api/v1/service-queues").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/service-queues").then().statusCode(401);
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).when().get("/api/v1/service-queues").then()
                .statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"timeZone\": \"UTC\"}").when().put("/api/v1/service-queues/1").then()
                .statusCode(403);
        given().auth().oauth2(TestTokens.expired(TENANT, "switchboard.admin")).when().get("/api/v1/service-queues")
                .then().statusCode(401);
    }

    @Test
    void shouldNeverShowOrChangeAnotherTenantsQueue() {
        admin(TENANT).body("{\"id\": 15, \"name\": \"Mine\", \"timeZone\": \"UTC\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201);
        String other = TestFixtures.newTenant();
        admin(other).when().get("/api/v1/service-queues/15").then().statusCode(404);
        admin(other).when().get("/api/v1/service-queues").then().statusCode(200).body("items", empty());
        admin(other).body("{\"name\": \"Theirs\", \"timeZone\": \"UTC\"}").when().put("/api/v1/service-queues/15")
                .then().statusCode(404);
        admin(other).when().delete("/api/v1/service-queues/15").then().statusCode(404);
        admin(other).when().get("/api/v1/service-queues/15/audit").then().statusCode(200).body("$", empty());
        // The other tenant may have a queue 15 of its own.
        admin(other).body("{\"id\": 15, \"name\": \"Theirs\", \"timeZone\": \"UTC\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201);
        admin(TENANT).when().get("/api/v1/service-queues/15").then().statusCode(200).body("name", equalTo("Mine"));
    }
}
