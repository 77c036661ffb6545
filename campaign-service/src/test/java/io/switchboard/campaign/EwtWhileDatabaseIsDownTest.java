package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.CuttableProxy;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * While the database is unreachable the EWT endpoints say so, 503 with Retry-After in each contract's own shape, and
 * answer again by themselves once it is back.
 */
@QuarkusTest
@TestProfile(EwtWhileDatabaseIsDownTest.ProxiedDatabase.class)
class EwtWhileDatabaseIsDownTest {

    private static final String TENANT = TestFixtures.newTenant();

    /** The database as the service reaches it: through a proxy the test can cut. */
    static CuttableProxy database;

    public static class ProxiedDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedDatabaseResource.class));
        }
    }

    public static class ProxiedDatabaseResource extends SwitchboardTestResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            try {
                database = new CuttableProxy(PostgresServer.host(), PostgresServer.port());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String direct = PostgresServer.host() + ":" + PostgresServer.port();
            config.put("quarkus.datasource.reactive.url",
                    config.get("quarkus.datasource.reactive.url").replace(direct, "127.0.0.1:" + database.port()));
            return config;
        }

        @Override
        public void stop() {
            try {
                database.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    Pool pool;

    @Test
    void shouldAnswer503WhileTheDatabaseIsUnreachableAndRecoverAfterwards() throws IOException {
        TestFixtures.companyPassword(pool, TENANT, "P@ssword");
        TestFixtures.campaign(TENANT, 1, "Support Inbound", "INBOUND", "Europe/London");
        TestFixtures.serviceQueue(TENANT, 1);
        String legacyBody = "{\"serviceQueue\":\"1\",\"company\":\"" + TENANT + "\",\"password\":\"P@ssword\"}";
        String updateBody = "{\"serviceQueue\":\"1\",\"ewt\":\"4\",\"company\":\"" + TENANT
                + "\",\"password\":\"P@ssword\"}";
        modern().statusCode(200).body("serviceQueue", equalTo(1));
        legacy("GetEWTByServiceID", legacyBody).statusCode(200).body(equalTo("0"));

        database.cut();
        try {
            modern().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("status", equalTo(503)).body("detail", not(containsString("Exception")));
            // The legacy method keeps its bare-integer shape: -1, as for any failure, with the status telling why.
            legacy("GetEWTByServiceID", legacyBody).statusCode(503).header("Retry-After", notNullValue())
                    .body(equalTo("-1"));
            // Nothing is accepted that cannot be stored: UpdateEWTRecord says false, and 503.
            legacy("UpdateEWTRecord", updateBody).statusCode(503).header("Retry-After", notNullValue())
                    .body(equalTo("false"));
        } finally {
            database.restore();
        }

        modern().statusCode(200).body("serviceQueue", equalTo(1));
        legacy("GetEWTByServiceID", legacyBody).statusCode(200).body(equalTo("0"));
    }

    private static ValidatableResponse modern() {
        return given().auth().oauth2(TestTokens.token(TENANT, TestFixtures.DIALLER)).when()
                .get("/api/v1/service-queues/1/ewt").then();
    }

    private static ValidatableResponse legacy(String method, String body) {
        return given().contentType(ContentType.JSON).body(body).when()
                .post("/RequestCallbackService/Service.svc/rest/" + method).then();
    }
}
