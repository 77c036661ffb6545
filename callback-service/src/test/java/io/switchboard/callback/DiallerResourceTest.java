package io.switchboard.callback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
class DiallerResourceTest {

    private static final String TENANT = TestFixtures.newTenant();

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void queues() {
        TestFixtures.serviceQueue(pool, TENANT, 1, "Support", "Europe/London");
    }

    private static String requestCallback() {
        return given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"+447400123456\", \"serviceQueue\": 1, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then().statusCode(201).extract().path("confirmationCode");
    }

    private static io.restassured.response.ValidatableResponse report(String code, String status) {
        return given().auth().oauth2(TestTokens.token(TENANT, "switchboard.dialler")).contentType(ContentType.JSON)
                .body("{\"status\": \"" + status + "\"}").when().post("/api/v1/dialler/callbacks/{code}/events", code)
                .then();
    }

    @Test
    void shouldRecordEachStatusAndPublishItInOrder() throws Exception {
        String code = requestCallback();

        report(code, "CallingUser").statusCode(200).body("status", equalTo("CallingUser")).body("state",
                equalTo("IN_PROGRESS"));
        report(code, "UserConnected").statusCode(200).body("status", equalTo("UserConnected"));
        report(code, "CallingAgent").statusCode(200).body("status", equalTo("CallingAgent"));
        report(code, "AgentConnected").statusCode(200).body("status", equalTo("AgentConnected"));
        report(code, "CallSucceeded").statusCode(200).body("state", equalTo("SUCCEEDED"));

        List<ConsumerRecord<String, String>> records = KafkaTopics.awaitRecords("switchboard.callback-events",
                r -> code.equals(r.key()), 6, Duration.ofSeconds(20));
        List<String> statuses = records.stream().map(r -> {
            try {
                var event = mapper.readTree(r.value());
                return event.path("type").asText().endsWith("requested") ? "requested"
                        : event.path("data").path("status").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(statuses).containsExactly("requested", "CallingUser", "UserConnected", "CallingAgent",
                "AgentConnected", "CallSucceeded");
    }

    @Test
    void shouldRefuseAStatusAfterTheCallFinished() {
        String code = requestCallback();
        report(code, "CallFailed").statusCode(200).body("state", equalTo("FAILED"));
        report(code, "CallingUser").statusCode(409).contentType("application/problem+json").body("detail",
                containsString("already FAILED"));
    }

    @Test
    void shouldAnswer400ForAnUnknownStatusAnd404ForAnUnknownCode() {
        String code = requestCallback();
        report(code, "Dancing").statusCode(400).contentType("application/problem+json").body("detail",
                containsString("CallingUser"));
        report("NOSUCHCODE", "CallingUser").statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldAnswer401WithoutTokenAnd403WithoutDiallerScope() {
        String code = requestCallback();
        given().contentType(ContentType.JSON).body("{\"status\": \"CallingUser\"}").when()
                .post("/api/v1/dialler/callbacks/{code}/events", code).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"status\": \"CallingUser\"}").when().post("/api/v1/dialler/callbacks/{code}/events", code)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldNotLetADiallerOfAnotherTenantReportOnThisCallback() {
        String code = requestCallback();
        given().auth().oauth2(TestTokens.token(TestFixtures.newTenant(), "switchboard.dialler"))
                .contentType(ContentType.JSON).body("{\"status\": \"CallingUser\"}").when()
                .post("/api/v1/dialler/callbacks/{code}/events", code).then().statusCode(404);
    }
}
