package io.switchboard.campaign;

import static io.restassured.RestAssured.given;

import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Test data through the admin API (and straight to the schema for what no API creates: legacy credentials). */
public final class TestFixtures {

    public static final String ADMIN = "switchboard.admin";
    public static final String DIALLER = "switchboard.dialler";
    public static final String PLATFORM = "platform-api";

    private TestFixtures() {
    }

    /** A numeric tenant of its own per test class (legacy company ids are numbers). */
    public static String newTenant() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }

    public static void campaign(String tenant, long id, String name, String direction, String zone) {
        given().auth().oauth2(TestTokens.token(tenant, ADMIN)).contentType(ContentType.JSON).body("{\"id\": " + id
                + ", \"name\": \"" + name + "\", \"direction\": \"" + direction + "\", \"timeZone\": \"" + zone + "\"}")
                .post("/api/v1/campaigns").then().statusCode(201);
    }

    public static void user(String tenant, long id, String name, String type, boolean active, Long campaignId) {
        given().auth().oauth2(TestTokens.token(tenant, ADMIN)).contentType(ContentType.JSON)
                .body("{\"id\": " + id + ", \"name\": \"" + name + "\", \"email\": \"u" + id + "@example.com\","
                        + " \"userType\": \"" + type + "\", \"active\": " + active + ", \"campaignId\": " + campaignId
                        + "}")
                .post("/api/v1/users").then().statusCode(201);
    }

    public static void companyPassword(Pool pool, String tenant, String password) {
        pool.preparedQuery("INSERT INTO company_credential (tenant_id, password_hash) VALUES ($1, $2)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET password_hash = EXCLUDED.password_hash")
                .execute(Tuple.of(tenant, LegacyPasswords.hash(password))).await().indefinitely();
    }
}
