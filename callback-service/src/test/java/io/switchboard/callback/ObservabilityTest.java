package io.switchboard.callback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What an operator sees: log lines that name the tenant and the callback (in the MDC, printed by the JSON log format)
 * and never the caller's personal data, and the business metrics at /q/metrics.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ObservabilityTest {

    private static final String TENANT = TestFixtures.newTenant();

    /** A log line as the JSON format would print it: message and MDC fields. */
    record Line(String message, String tenantId, String confirmationCode) {
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("io.switchboard")
                    && record instanceof ExtLogRecord ext) {
                lines.add(new Line(ext.getFormattedMessage(), ext.getMdc("tenantId"), ext.getMdc("confirmationCode")));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @Inject
    Pool pool;

    @BeforeEach
    void setUp() {
        TestFixtures.serviceQueue(pool, TENANT, 1, "Support", "Europe/London");
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void tearDown() {
        Logger.getLogger("").removeHandler(capture);
    }

    private static String request(String tenant, long queue, String phoneNo, int expectedStatus) {
        return given().auth().oauth2(TestTokens.token(tenant, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"Name\": \"Ada Lovelace\", \"phoneNo\": \"" + phoneNo + "\", \"serviceQueue\": " + queue
                        + ", \"callType\": 1}")
                .when().post("/api/v1/callbacks").then().statusCode(expectedStatus).extract().path("confirmationCode");
    }

    @Test
    void shouldLogEachCallbackWithItsTenantAndCodeButNoPersonalData() {
        String code = request(TENANT, 1, "+447400111222", 201);
        given().auth().oauth2(TestTokens.token(TENANT, "switchboard.dialler")).contentType(ContentType.JSON)
                .body("{\"status\": \"CallingUser\"}").when().post("/api/v1/dialler/callbacks/{code}/events", code)
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(lines).filteredOn(line -> line.message().contains(code))
                    .extracting(Line::message, Line::tenantId, Line::confirmationCode)
                    .contains(tuple("Callback " + code + " requested in service queue 1 (PENDING)", TENANT, code),
                            tuple("Callback " + code + ": CallingUser, now IN_PROGRESS (attempt 1)", TENANT, code));
        });
        assertThat(lines).noneMatch(line -> line.message().contains("7400111222") || line.message().contains("Ada"));
    }

    @Test
    void shouldCountRequestsByOutcomeAndShowTheDueBacklog() {
        String tenant = TestFixtures.newTenant();
        // Queue 2 answers a repeated request for a waiting number with the callback it has.
        TestFixtures.serviceQueue(pool, tenant, 2, "Sales", "Europe/London");
        pool.preparedQuery("UPDATE service_queue SET duplicate_window_seconds = 3600 WHERE tenant_id = $1 AND id = 2")
                .execute(Tuple.of(tenant)).await().indefinitely();
        String tags = "tenant=\"" + tenant + "\"";
        String first = request(tenant, 2, "+447400333444", 201);
        request(tenant, 2, "+447400555666", 201);
        assertThat(request(tenant, 2, "+447400333444", 200)).isEqualTo(first);
        given().auth().oauth2(TestTokens.token(tenant, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"12345\", \"region\": \"GB\", \"serviceQueue\": 2, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then().statusCode(400);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("switchboard_callbacks_requested_total{outcome=\"accepted\"," + tags + "} 2.0")
                .contains("switchboard_callbacks_requested_total{outcome=\"duplicate\"," + tags + "} 1.0")
                .contains("switchboard_callbacks_requested_total{outcome=\"invalid_number\"," + tags + "} 1.0");

        // Two callbacks wait, due now; once a dialler works on one, one is left.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(given().when().get("/q/metrics").then().extract().asString())
                        .contains("switchboard_callbacks_due_backlog{" + tags + "} 2.0"));
        given().auth().oauth2(TestTokens.token(tenant, "switchboard.dialler")).contentType(ContentType.JSON)
                .body("{\"max\": 1}").when().post("/api/v1/dialler/service-queues/2/claims").then()
                .statusCode(equalTo(200));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(given().when().get("/q/metrics").then().extract().asString())
                        .contains("switchboard_callbacks_due_backlog{" + tags + "} 1.0"));
    }
}
