package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * An administrator (or a restart) terminating the service's database connection in the middle of a request is a 503
 * with Retry-After, not a 500: Postgres says 57P01 "terminating connection due to administrator command" and closes the
 * socket, and the service tells that from a bug by its type and SQLSTATE. The next request works again.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class DatabaseConnectionLossTest {

    private static final String TENANT = TestFixtures.newTenant();

    private static Connection jdbc() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheDatabaseDropsTheConnectionMidRequest() throws Exception {
        TestFixtures.campaign(TENANT, 7, "Locked", "INBOUND", "Europe/London");
        String token = TestTokens.token(TENANT, TestFixtures.ADMIN);
        try (Connection holder = jdbc();
                Connection admin = jdbc()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder
                    .prepareStatement("SELECT 1 FROM campaign.campaign WHERE tenant_id = ? AND id = 7 FOR UPDATE")) {
                lock.setString(1, TENANT);
                lock.executeQuery().close();
            }
            // The update waits for the row the test holds, on a connection of the service's pool...
            CompletableFuture<Response> update = CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                    .contentType(ContentType.JSON)
                    .body("{\"name\": \"Renamed\", \"direction\": \"INBOUND\", \"timeZone\": \"Europe/London\"}")
                    .put("/api/v1/campaigns/7"));
            // ... and is cut off there, as a Postgres shutdown or restart would.
            assertThat(terminateWaitingBackend(admin, Duration.ofSeconds(20))).isTrue();
            Response answer = update.get(30, TimeUnit.SECONDS);
            holder.rollback();

            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isNotBlank();
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.jsonPath().getString("type"))
                    .isEqualTo("https://switchboard.io/problems/service-unavailable");
        }
        given().auth().oauth2(token).get("/api/v1/campaigns/7").then().statusCode(200).body("name", equalTo("Locked"));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"name\": \"Renamed\", \"direction\": \"INBOUND\", \"timeZone\": \"Europe/London\"}")
                .put("/api/v1/campaigns/7").then().statusCode(200).body("name", equalTo("Renamed"));
    }

    private static boolean terminateWaitingBackend(Connection admin, Duration patience)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            try (PreparedStatement find = admin
                    .prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'"
                            + " AND query LIKE 'UPDATE campaign %'");
                    ResultSet rows = find.executeQuery()) {
                if (rows.next()) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }
}
