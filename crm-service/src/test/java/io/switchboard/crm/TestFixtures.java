package io.switchboard.crm;

import static io.restassured.RestAssured.given;

import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.switchboard.testing.TestTokens;

/** Test data through the admin API. */
public final class TestFixtures {

    public static final String ADMIN = "switchboard.admin";
    public static final String DIALLER = "switchboard.dialler";
    public static final String PLATFORM = "platform-api";

    private TestFixtures() {
    }

    /** A tenant of its own per test. */
    public static String newTenant() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }

    /** A tenant whose national numbers and local times are read in this region and zone. */
    public static String newTenant(String region, String zone) {
        String tenant = newTenant();
        given().auth().oauth2(TestTokens.token(tenant, ADMIN)).contentType(ContentType.JSON)
                .body("{\"defaultRegion\": \"" + region + "\", \"timeZone\": \"" + zone + "\"}")
                .put("/api/v1/crm/settings").then().statusCode(200);
        return tenant;
    }

    /** A new API key of the tenant with these permissions. */
    public static String apiKey(String tenant, String... permissions) {
        StringBuilder list = new StringBuilder();
        for (String p : permissions) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(p).append('"');
        }
        return given().auth().oauth2(TestTokens.token(tenant, ADMIN)).contentType(ContentType.JSON)
                .body("{\"name\": \"test key\", \"permissions\": [" + list + "]}").post("/api/v1/api-keys").then()
                .statusCode(201).extract().path("key");
    }
}
