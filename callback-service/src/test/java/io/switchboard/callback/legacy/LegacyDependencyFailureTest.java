package io.switchboard.callback.legacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.SwitchboardTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/** Result code 2 ("Unable to connect to remote location") when the database cannot be reached, never a 500. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class LegacyDependencyFailureTest {

    private static final String BASE = "/RequestCallbackService/Service.svc/rest/";
    private static final String REQUEST = "{\"phoneNo\": \"+447400300001\", \"serviceQueue\": \"1\", \"company\": \"1\","
            + " \"password\": \"P@ssword\"}";

    @Inject
    Pool pool;

    @Test
    void shouldAnswerResultCode2WhileTheDatabaseRefusesConnections() throws SQLException {
        LegacyFixtures.credential(pool, "1", LegacyFixtures.PASSWORD);
        LegacyFixtures.queue("1", 1, "{\"id\": 1, \"name\": \"Support\", \"timeZone\": \"Europe/London\"}");
        String database = pool.query("SELECT current_database()").execute().await().indefinitely().iterator().next()
                .getString(0);
        try {
            refuseConnections(database, true);
            given().contentType(ContentType.JSON).body(REQUEST).when().post(BASE + "RequestCallWhenAvailable").then()
                    .statusCode(200).body("ResultCode", equalTo(2)).body("$", aMapWithSize(1));
            given().contentType(ContentType.JSON).body(REQUEST).when().post(BASE + "RequestCallSchedule").then()
                    .statusCode(200).body("ResultCode", equalTo(2)).body("$", aMapWithSize(1));
            given().contentType(ContentType.JSON).body(REQUEST).when().post(BASE + "GetNextThreeTimeSlots").then()
                    .statusCode(503).body("ResultCode", equalTo(2));
        } finally {
            refuseConnections(database, false);
        }
        // Nothing was lost or left broken: the next request is served.
        given().contentType(ContentType.JSON).body(REQUEST).when().post(BASE + "RequestCallWhenAvailable").then()
                .statusCode(200).body("ResultCode", equalTo(0));
    }

    /** Stops (or allows again) new connections to the test database and drops the service's open ones. */
    private static void refuseConnections(String database, boolean refuse) throws SQLException {
        try (Connection admin = DriverManager.getConnection(PostgresServer.jdbcUrl("postgres"), "postgres", "");
                Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }
}
