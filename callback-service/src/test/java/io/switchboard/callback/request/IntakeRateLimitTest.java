package io.switchboard.callback.request;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.callback.TestFixtures;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** A script asking for thousands of calls to one phone, or flooding one tenant, is answered 429 with Retry-After. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class IntakeRateLimitTest {

    @Inject
    Pool pool;

    private static void queue(String tenant, String definition) {
        given().auth().oauth2(TestTokens.token(tenant, "switchboard.admin")).contentType(ContentType.JSON)
                .body(definition).when().post("/api/v1/service-queues").then().statusCode(201);
    }

    private static ValidatableResponse post(String tenant, String number) {
        return given().auth().oauth2(TestTokens.token(tenant, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"" + number + "\", \"serviceQueue\": 1, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then();
    }

    @Test
    void shouldLimitRequestsForOneNumberPerHour() {
        String tenant = TestFixtures.newTenant();
        queue(tenant, "{\"id\": 1, \"name\": \"Open\", \"timeZone\": \"Europe/London\", \"duplicateWindowSeconds\": 0,"
                + " \"maxRequestsPerNumberPerHour\": 3}");
        for (int i = 0; i < 3; i++) {
            post(tenant, "+447400900001").statusCode(201);
        }
        post(tenant, "+447400900001").statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://switchboard.io/problems/rate-limited"));
        post(tenant, "+447400900002").statusCode(201);
    }

    @Test
    void shouldAnswerTheLegacyServiceWithItsTryAgainCode() {
        String tenant = TestFixtures.newTenant();
        queue(tenant, "{\"id\": 1, \"name\": \"Open\", \"timeZone\": \"Europe/London\", \"duplicateWindowSeconds\": 0,"
                + " \"maxRequestsPerNumberPerHour\": 1}");
        pool.preparedQuery("INSERT INTO legacy_credential (tenant_id, password_hash) VALUES ($1, $2)")
                .execute(Tuple.of(tenant, LegacyPasswords.hash("P@ssword"))).await().indefinitely();
        String body = "{\"phoneNo\": \"+447400900003\", \"serviceQueue\": \"1\", \"company\": \"" + tenant
                + "\", \"password\": \"P@ssword\"}";
        given().contentType(ContentType.JSON).body(body).when()
                .post("/RequestCallbackService/Service.svc/rest/RequestCallWhenAvailable").then().statusCode(200)
                .body("ResultCode", equalTo(0));
        given().contentType(ContentType.JSON).body(body).when()
                .post("/RequestCallbackService/Service.svc/rest/RequestCallWhenAvailable").then().statusCode(200)
                .body("ResultCode", equalTo(2)).body("ConfirmationCode", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shouldLimitRequestsPerTenantFromItsSettings() {
        String tenant = TestFixtures.newTenant();
        queue(tenant, "{\"id\": 1, \"name\": \"Open\", \"timeZone\": \"Europe/London\"}");
        pool.preparedQuery("INSERT INTO tenant_intake_limit (tenant_id, requests_per_minute) VALUES ($1, 5)")
                .execute(Tuple.of(tenant)).await().indefinitely();
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            int status = post(tenant, String.format("+4474009100%02d", i)).extract().statusCode();
            accepted += status == 201 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }
        // five per clock minute: even a run that crosses a minute boundary gets at most ten of the twelve through
        org.assertj.core.api.Assertions.assertThat(accepted + limited).isEqualTo(12);
        org.assertj.core.api.Assertions.assertThat(accepted).isBetween(5, 10);
        org.assertj.core.api.Assertions.assertThat(limited).isPositive();
    }
}
