package io.switchboard.callback.legacy;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Company 1 of the seed's examples, with the examples' password "P@ssword", and its queues. */
final class LegacyFixtures {

    static final String COMPANY = "1";
    static final String PASSWORD = "P@ssword";

    private LegacyFixtures() {
    }

    static void credential(Pool pool, String company, String password) {
        pool.preparedQuery("INSERT INTO legacy_credential (tenant_id, password_hash) VALUES ($1, $2)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET password_hash = excluded.password_hash")
                .execute(Tuple.of(company, LegacyPasswords.hash(password))).await().indefinitely();
    }

    /** Creates the queue through the admin API, or replaces its settings when it already exists. */
    static void queue(String company, long id, String definition) {
        String token = TestTokens.token(company, "switchboard.admin");
        int status = given().auth().oauth2(token).contentType(ContentType.JSON).body(definition).when()
                .post("/api/v1/service-queues").then().extract().statusCode();
        if (status == 409) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(definition).when()
                    .put("/api/v1/service-queues/{id}", id).then().statusCode(200);
        } else if (status != 201) {
            throw new IllegalStateException("Queue " + id + " could not be created: " + status);
        }
    }
}
