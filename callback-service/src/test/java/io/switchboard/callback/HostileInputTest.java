package io.switchboard.callback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * Input a hostile or careless client sends: each gets its API's own validation answer (a 400 problem, legacy result
 * code 1, BuzzMeInfo's null), never a 500 or the "unavailable" code.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class HostileInputTest {

    private static final String TENANT = TestFixtures.newTenant();

    private static boolean queueCreated;

    @BeforeEach
    void queue() {
        if (queueCreated) {
            return;
        }
        queueCreated = true;
        given().auth().oauth2(TestTokens.token(TENANT, "switchboard.admin")).contentType(ContentType.JSON)
                .body("{\"id\": 1, \"name\": \"Open\", \"timeZone\": \"Europe/London\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201);
    }

    @Test
    void shouldAnswerAnEmptyOrNullBodyWithAnIdempotencyKeyWith400() {
        for (String body : new String[] { "", "null" }) {
            given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).header("Idempotency-Key", "k-" + body)
                    .contentType(ContentType.JSON).body(body).when().post("/api/v1/callbacks").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://switchboard.io/problems/invalid-parameters"));
        }
    }

    @Test
    void shouldRefuseNumbersThatAreNotValidForTheirCountry() {
        for (String number : new String[] { "+4477794531150", "+44774", "+447700900123", "+1555123" }) {
            given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                    .body("{\"phoneNo\": \"" + number + "\", \"serviceQueue\": 1, \"callType\": 1}").when()
                    .post("/api/v1/callbacks").then().statusCode(400)
                    .body("type", equalTo("https://switchboard.io/problems/invalid-phone-number"));
        }
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447911123456\", \"serviceQueue\": 1, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then().statusCode(201);
    }

    @Test
    void shouldRefuseNulInAnyTextWith400() {
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"name\": \"A\\u0000B\", \"phoneNo\": \"+447911123458\", \"serviceQueue\": 1,"
                        + " \"callType\": 1}")
                .when().post("/api/v1/callbacks").then().statusCode(400)
                .body("type", equalTo("https://switchboard.io/problems/invalid-parameters"));
    }

    @Test
    void shouldAnswerNulInALegacyCompanyWithResultCode1() {
        given().contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447911123459\", \"serviceQueue\": \"1\", \"company\": \"1\\u0000\","
                        + " \"password\": \"P@ssword\"}")
                .when().post("/RequestCallbackService/Service.svc/rest/RequestCallWhenAvailable").then().statusCode(200)
                .body("ResultCode", equalTo(1));
        given().contentType(ContentType.JSON)
                .body("{\"serviceQueue\": \"1\", \"company\": \"1\\u0000\", \"password\": \"P@ssword\"}").when()
                .post("/RequestCallbackService/Service.svc/rest/GetAvailableTimes").then().statusCode(400)
                .body("ResultCode", equalTo(1));
        given().queryParam("pin", "12\u00003").queryParam("companyId", "1").queryParam("password", "P@ssword").when()
                .get("/BuzzMeInfo/InfoService.svc/rest/GetCallDataByPin").then().statusCode(200).body(equalTo("null"));
    }
}
