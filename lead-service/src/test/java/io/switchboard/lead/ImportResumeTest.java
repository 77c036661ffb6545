package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An import killed halfway: its database connection is terminated by the server while it runs (what a replica's crash
 * looks like to Postgres: the open batch transaction is rolled back). The import resumes from its last committed batch
 * and every row is there exactly once.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ImportResumeTest {

    static final int ROWS = 30_000;

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    @Test
    void shouldResumeAnImportKilledHalfwayWithEveryRowOnce() {
        String tenant = TestFixtures.newTenant();
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        TestFixtures.campaign(codec, pool, tenant, 4, "Resume", "Europe/London");
        long listId = TestFixtures.list(tenant, 4, "Big");
        StringBuilder csv = new StringBuilder("customerKey,phone1,note\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("key-").append(i).append(",+4474").append(String.format("%08d", i)).append(",row ").append(i)
                    .append('\n');
        }
        UUID uuid = UUID.fromString(given().auth().oauth2(token).contentType("text/csv").body(csv.toString())
                .post("/api/v1/lists/" + listId + "/imports").then().statusCode(202).extract().jsonPath()
                .getString("uuid"));

        // Wait until a third of the rows are committed, then kill the import's connection mid-run.
        long readWhenKilled = -1;
        Instant deadline = Instant.now().plusSeconds(60);
        while (readWhenKilled < 0 && Instant.now().isBefore(deadline)) {
            Row job = pool.preparedQuery("SELECT rows_read, status FROM lead_import WHERE id = $1")
                    .execute(Tuple.of(uuid)).await().indefinitely().iterator().next();
            assertThat(job.getString("status")).as("the import must still run when it is killed")
                    .isNotEqualTo("completed");
            if (job.getLong("rows_read") >= ROWS / 3) {
                var killed = pool
                        .preparedQuery("SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity"
                                + " WHERE application_name = $1")
                        .execute(Tuple.of("lead-import " + uuid)).await().indefinitely();
                if (killed.size() == 1 && killed.iterator().next().getBoolean("killed")) {
                    readWhenKilled = job.getLong("rows_read");
                }
            }
            TestFixtures.sleep(10);
        }
        assertThat(readWhenKilled).as("rows committed when the import was killed").isBetween(1L, (long) ROWS - 1);

        JsonPath done = BulkImportTest.awaitDone(token, "/platform-api/v3.0/leads/bulk/" + uuid);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getLong("result.total")).isEqualTo(ROWS);
        assertThat(done.getLong("result.accepted")).isEqualTo(ROWS);
        assertThat(done.getLong("result.duplicates")).isZero();
        assertThat(done.getLong("result.rejected")).isZero();

        Row counts = pool
                .preparedQuery("SELECT count(*) AS leads, count(DISTINCT customer_key) AS keys,"
                        + " (SELECT count(*) FROM lead_phone WHERE tenant_id = $1) AS phones,"
                        + " (SELECT runs FROM lead_import WHERE id = $3) AS runs,"
                        + " (SELECT count(*) FROM lead_import_chunk WHERE import_id = $3) AS chunks"
                        + " FROM lead WHERE tenant_id = $1 AND list_id = $2")
                .execute(Tuple.of(tenant, listId, uuid)).await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertThat(counts.getLong("leads")).isEqualTo(ROWS);
        assertThat(counts.getLong("keys")).isEqualTo(ROWS);
        assertThat(counts.getLong("phones")).isEqualTo(ROWS);
        assertThat(counts.getInteger("runs")).as("runs of the import").isGreaterThanOrEqualTo(2);
        assertThat(counts.getLong("chunks")).as("staged pieces left after completion").isZero();
        // the last row is the file's last row, with its data
        given().auth().oauth2(token).queryParam("customerKey", "key-" + (ROWS - 1)).get("/platform-api/v3.0/leads")
                .then().statusCode(200)
                .body("items[0].dataFields.note", org.hamcrest.Matchers.equalTo("row " + (ROWS - 1)))
                .body("items[0].phones[0].phoneNumber",
                        org.hamcrest.Matchers.equalTo("+4474" + String.format("%08d", ROWS - 1)));
    }
}
