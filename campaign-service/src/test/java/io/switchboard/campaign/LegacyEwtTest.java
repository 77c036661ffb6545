package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class LegacyEwtTest {

    private static final String TENANT = TestFixtures.newTenant();
    private static final String OTHER_TENANT = TestFixtures.newTenant();
    private static final String BASE = "/RequestCallbackService/Service.svc/rest/";

    @Inject
    Pool pool;

    private static boolean created;

    @BeforeEach
    void tenants() {
        if (!created) {
            TestFixtures.companyPassword(pool, TENANT, "P@ssword");
            TestFixtures.companyPassword(pool, OTHER_TENANT, "Other-P@ss");
            TestFixtures.campaign(TENANT, 1, "Support Inbound", "INBOUND", "Europe/London");
            TestFixtures.campaign(OTHER_TENANT, 2, "Sales Outbound", "OUTBOUND", "Europe/London");
            TestFixtures.serviceQueue(TENANT, 1);
            TestFixtures.serviceQueue(OTHER_TENANT, 2);
            created = true;
        }
    }

    private static ValidatableResponse post(String method, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(BASE + method).then();
    }

    private static String update(String queue, String ewt, String company, String password) {
        return "{\"serviceQueue\":\"" + queue + "\",\"ewt\":\"" + ewt + "\",\"company\":\"" + company
                + "\",\"password\":\"" + password + "\"}";
    }

    private static String get(String queue, String company, String password) {
        return "{\"serviceQueue\":\"" + queue + "\",\"company\":\"" + company + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void shouldReadTheBodyAsJsonWhateverItsContentTypeAndRefuseWhatIsNotJsonInItsOwnShape() {
        // Old clients send text/plain or form content types; the sibling methods of callback-service read those too.
        given().contentType("text/plain").body(update("1", "3", TENANT, "P@ssword")).when()
                .post(BASE + "UpdateEWTRecord").then().statusCode(200).body(equalTo("true"));
        given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(get("1", TENANT, "P@ssword"))
                .when().post(BASE + "GetEWTByServiceID").then().statusCode(200).body(equalTo("3"));
        // Not JSON, a repeated key, trailing garbage: the methods' own refusals, never a problem document.
        post("UpdateEWTRecord", "{").statusCode(200).body(equalTo("false"));
        post("UpdateEWTRecord", update("1", "4", TENANT, "P@ssword") + " x").statusCode(200).body(equalTo("false"));
        post("GetEWTByServiceID", "{\"serviceQueue\":\"1\",\"serviceQueue\":\"2\",\"company\":\"" + TENANT
                + "\",\"password\":\"P@ssword\"}").statusCode(200).body(equalTo("-1"));
    }

    @Test
    void shouldSetAndReadTheEwtWithTheSeedsExamples() {
        post("UpdateEWTRecord", update("1", "1", TENANT, "P@ssword")).statusCode(200).body(equalTo("true"));
        post("GetEWTByServiceID", get("1", TENANT, "P@ssword")).statusCode(200).body(equalTo("1"));

        // The method header's spellings, numbers as JSON numbers.
        post("UpdateEWTRecord",
                "{\"serviceQueue\": 1, \"ewt\": 7, \"companyID\": " + TENANT + ", \"password\": \"P@ssword\"}")
                        .statusCode(200).body(equalTo("true"));
        post("GetEWTByServiceID", "{\"serviceQueueID\": 1, \"companyID\": " + TENANT + ", \"password\": \"P@ssword\"}")
                .statusCode(200).body(equalTo("7"));
        // Parameters in the query string, as the seed's note allows.
        given().contentType(ContentType.JSON).when()
                .post(BASE + "GetEWTByServiceID?serviceQueueID=1&companyID=" + TENANT + "&password=P@ssword").then()
                .statusCode(200).body(equalTo("7"));

        // The modern API shows the manual value, in seconds.
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.ADMIN)).when().get("/api/v1/service-queues/1/ewt")
                .then().statusCode(200).body("serviceQueue", equalTo(1)).body("ewtSeconds", equalTo(420))
                .body("lowerSeconds", equalTo(420)).body("upperSeconds", equalTo(420)).body("method", equalTo("MANUAL"))
                .body("basedOn", startsWith("set through UpdateEWTRecord, valid until "))
                .body("callsWaiting", equalTo(0)).body("agentsAvailable", equalTo(0));
    }

    @Test
    void shouldFallBackToTheComputedEwtOnceTheManualValueExpires() {
        post("UpdateEWTRecord", update("1", "3", TENANT, "P@ssword")).statusCode(200).body(equalTo("true"));
        pool.preparedQuery("UPDATE queue_state SET manual_ewt_expires_at = now() - interval '1 second'"
                + " WHERE tenant_id = $1 AND campaign_id = 1").execute(Tuple.of(TENANT)).await().indefinitely();

        post("GetEWTByServiceID", get("1", TENANT, "P@ssword")).statusCode(200).body(equalTo("0"));
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).when().get("/api/v1/service-queues/1/ewt")
                .then().statusCode(200).body("method", equalTo("NONE")).body("ewtSeconds", equalTo(0))
                .body("basedOn", equalTo("no agents reported and no wait history"));
    }

    @Test
    void shouldAnswerFalseAndMinusOneWhenRefused() {
        // Wrong password, unknown company, no password.
        post("UpdateEWTRecord", update("1", "4", TENANT, "wrong")).statusCode(200).body(equalTo("false"));
        post("GetEWTByServiceID", get("1", TENANT, "wrong")).statusCode(200).body(equalTo("-1"));
        post("UpdateEWTRecord", update("1", "4", "424242", "P@ssword")).statusCode(200).body(equalTo("false"));
        post("GetEWTByServiceID", get("1", "424242", "P@ssword")).statusCode(200).body(equalTo("-1"));
        post("GetEWTByServiceID", "{\"serviceQueue\":\"1\",\"company\":\"" + TENANT + "\"}").statusCode(200)
                .body(equalTo("-1"));
        // Unknown queue, unreadable or negative numbers.
        post("UpdateEWTRecord", update("99", "4", TENANT, "P@ssword")).statusCode(200).body(equalTo("false"));
        post("GetEWTByServiceID", get("99", TENANT, "P@ssword")).statusCode(200).body(equalTo("-1"));
        post("UpdateEWTRecord", update("1", "soon", TENANT, "P@ssword")).statusCode(200).body(equalTo("false"));
        post("UpdateEWTRecord", update("1", "-2", TENANT, "P@ssword")).statusCode(200).body(equalTo("false"));
    }

    @Test
    void shouldNeverReachAnotherCompanysQueue() {
        // Queue 2 belongs to the other company: this company neither sets nor reads it, even with its own password.
        post("UpdateEWTRecord", update("2", "9", TENANT, "P@ssword")).statusCode(200).body(equalTo("false"));
        post("GetEWTByServiceID", get("2", TENANT, "P@ssword")).statusCode(200).body(equalTo("-1"));
        // The other company's password does not open this company.
        post("GetEWTByServiceID", get("1", TENANT, "Other-P@ss")).statusCode(200).body(equalTo("-1"));
        post("UpdateEWTRecord", update("2", "9", OTHER_TENANT, "Other-P@ss")).statusCode(200).body(equalTo("true"));
        given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.ADMIN)).when().get("/api/v1/service-queues/2/ewt")
                .then().statusCode(404);
    }
}
