package io.switchboard.callback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CallbackResourceTest {

    private static final String TENANT = TestFixtures.newTenant();
    private static final String DEFAULT_NUMBER = "+447400123456";
    private static final String CODE_PATTERN = "[A-HJ-NP-Z2-9]{10}";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void queues() {
        TestFixtures.serviceQueue(pool, TENANT, 1, "Support", "Europe/London");
    }

    private static String token() {
        return TestTokens.token(TENANT, "buzzeasy.callback");
    }

    @Test
    void shouldCreateCallbackWith201ConfirmationCodeAndLocation() {
        String code = given().auth().oauth2(token()).contentType(ContentType.JSON).body("""
                {"Name": "Ada Lovelace", "phoneNo": "07400 123456", "serviceQueue": 1, "region": "GB",
                 "fields": ["order 42", "", "vip"], "callType": 1}
                """).when().post("/api/v1/callbacks").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/callbacks/" + CODE_PATTERN))
                .body("confirmationCode", matchesPattern(CODE_PATTERN)).extract().path("confirmationCode");

        given().auth().oauth2(token()).when().get("/api/v1/callbacks/{code}", code).then().statusCode(200)
                .body("confirmationCode", equalTo(code)).body("name", equalTo("Ada Lovelace"))
                .body("phoneNo", equalTo(DEFAULT_NUMBER)).body("serviceQueue", equalTo(1)).body("callType", equalTo(1))
                .body("fields", equalTo(java.util.List.of("order 42", "", "vip"))).body("state", equalTo("PENDING"))
                .body("status", nullValue()).body("retries", equalTo(0));
    }

    @Test
    void shouldMatchFieldNamesIgnoringCaseAndAcceptNumbersAsStrings() {
        given().auth().oauth2(token()).contentType(ContentType.JSON).body("""
                {"NAME": "Grace", "PHONENO": "+353 85 123 4567", "ServiceQueue": "1", "CALLTYPE": "1"}
                """).when().post("/api/v1/callbacks").then().statusCode(201).body("confirmationCode",
                matchesPattern(CODE_PATTERN));
    }

    @Test
    void shouldPublishRequestedEventAsCloudEventKeyedByConfirmationCode() throws Exception {
        String code = given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"" + DEFAULT_NUMBER + "\", \"serviceQueue\": 1, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then().statusCode(201).extract().path("confirmationCode");

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord("switchboard.callback-events",
                r -> code.equals(r.key()), Duration.ofSeconds(20));
        JsonNode event = mapper.readTree(record.value());
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("switchboard.callback.requested");
        assertThat(event.path("subject").asText()).isEqualTo(code);
        assertThat(event.path("tenantid").asText()).isEqualTo(TENANT);
        assertThat(event.path("id").asText()).isNotBlank();
        assertThat(event.path("data").path("phoneNumber").asText()).isEqualTo(DEFAULT_NUMBER);
        assertThat(event.path("data").path("state").asText()).isEqualTo("PENDING");
        assertThat(new String(record.headers().lastHeader("content-type").value()))
                .startsWith("application/cloudevents+json");
    }

    @Test
    void shouldAnswer400InvalidParametersForMissingOrBadValues() {
        for (String body : new String[] { "{\"phoneNo\": \"+447400123456\", \"serviceQueue\": 1}",
                "{\"phoneNo\": \"+447400123456\", \"serviceQueue\": 1, \"callType\": 3}",
                "{\"serviceQueue\": 1, \"callType\": 1}", "{\"phoneNo\": \"+447400123456\", \"callType\": 1}",
                "{\"phoneNo\": \"+447400123456\", \"serviceQueue\": 999, \"callType\": 1}",
                "{\"phoneNo\": \"+447400123456\", \"serviceQueue\": \"one\", \"callType\": 1}",
                "{\"phoneNo\": \"+447400123456\", \"serviceQueue\": 1, \"callType\": 1, \"fields\": [\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\",\"10\",\"11\"]}",
                "{\"phoneNo\": \"+447400123456\", \"serviceQueue\": 1, \"callType\": 2}", "{not json" }) {
            given().auth().oauth2(token()).contentType(ContentType.JSON).body(body).when().post("/api/v1/callbacks")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                    .body("title", equalTo("Bad Request"))
                    .body("detail", startsWith("Parameters passed across are invalid."));
        }
    }

    @Test
    void shouldAnswer400WithItsOwnMessageForANumberThatCannotBeFormatted() {
        for (String body : new String[] {
                "{\"phoneNo\": \"12345\", \"region\": \"GB\", \"serviceQueue\": 1, \"callType\": 1}",
                "{\"phoneNo\": \"07700 900123\", \"serviceQueue\": 1, \"callType\": 1}",
                "{\"phoneNo\": \"not a number\", \"region\": \"IE\", \"serviceQueue\": 1, \"callType\": 1}" }) {
            given().auth().oauth2(token()).contentType(ContentType.JSON).body(body).when().post("/api/v1/callbacks")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", containsString("invalid-phone-number"))
                    .body("detail", equalTo("The phone number passed across is invalid and cannot be formatted."));
        }
    }

    @Test
    void shouldAnswer401ForMissingExpiredBadlySignedOrWrongScopeTokens() {
        String body = "{\"phoneNo\": \"+447400123456\", \"serviceQueue\": 1, \"callType\": 1}";
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/callbacks").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        for (String bad : new String[] { TestTokens.expired(TENANT, "buzzeasy.callback"),
                TestTokens.signedByStranger(TENANT, "buzzeasy.callback"),
                TestTokens.token(TENANT, "switchboard.dialler"), TestTokens.token(null, "buzzeasy.callback"),
                "not-a-jwt" }) {
            given().auth().oauth2(bad).contentType(ContentType.JSON).body(body).when().post("/api/v1/callbacks").then()
                    .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        }
    }

    @Test
    void shouldNeverShowAnotherTenantsCallback() {
        String code = given().auth().oauth2(token()).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"" + DEFAULT_NUMBER + "\", \"serviceQueue\": 1, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then().statusCode(201).extract().path("confirmationCode");

        given().auth().oauth2(TestTokens.token(TestFixtures.newTenant(), "buzzeasy.callback")).when()
                .get("/api/v1/callbacks/{code}", code).then().statusCode(404).contentType("application/problem+json");
    }
}
