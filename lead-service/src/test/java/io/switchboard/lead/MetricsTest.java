package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The two metrics the chart's alerts read from lead-service, as Prometheus scrapes them from {@code /q/metrics}: the
 * outbox's lag (common's outbox, here in lead-service's schema) and failed bulk imports.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class MetricsTest {

    private static final String OUTBOX_AGE = "switchboard_outbox_oldest_unpublished_age_seconds";

    @Inject
    Pool pool;
    @Inject
    CloudEventCodec codec;

    /**
     * An event the relay cannot publish (another relay holds the outbox's lock, as a stuck replica would) shows as the
     * outbox's age; once the relay can publish again the age falls back to zero.
     */
    @Test
    void shouldReportTheAgeOfTheOldestUnpublishedEventUntilItIsPublished() {
        SqlConnection holder = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            holder.query("SELECT pg_advisory_lock(hashtext(current_schema() || '.outbox_event'))").execute().await()
                    .atMost(Duration.ofSeconds(10));
            UUID id = UUID.randomUUID();
            holder.preparedQuery("INSERT INTO outbox_event (id, topic, message_key, event_type, payload, created_at)"
                    + " VALUES ($1, 'switchboard.metrics-test', 'k', 'switchboard.test', '{}',"
                    + " now() - interval '120 seconds')").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(sample(OUTBOX_AGE)).isBetween(120.0, 300.0));
            assertThat(pool.preparedQuery("SELECT published_at FROM outbox_event WHERE id = $1").execute(Tuple.of(id))
                    .await().atMost(Duration.ofSeconds(10)).iterator().next().getValue("published_at"))
                            .as("the relay is locked out, so the event waits").isNull();
        } finally {
            holder.query("SELECT pg_advisory_unlock_all()").execute().await().atMost(Duration.ofSeconds(10));
            holder.close().await().atMost(Duration.ofSeconds(10));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sample(OUTBOX_AGE)).isLessThan(60.0));
    }

    /** The counter exists at zero before any import fails, and counts an import that fails. */
    @Test
    void shouldCountFailedImportsByOutcome() {
        String failed = "switchboard_lead_imports_total{outcome=\"failed\"}";
        double before = sample(failed);
        assertThat(sample("switchboard_lead_imports_total{outcome=\"completed\"}")).isGreaterThanOrEqualTo(0);

        String tenant = TestFixtures.newTenant();
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        TestFixtures.campaign(codec, pool, tenant, 5, "Metrics", "Europe/London");
        long listId = TestFixtures.list(tenant, 5, "Metrics");
        String unreadable = "{\"leads\": [{\"listId\": " + listId + ", \"customerKey\": \"ok\"}, {\"listId\": ";
        String uuid = given().auth().oauth2(token).contentType(ContentType.JSON).body(unreadable)
                .post("/platform-api/v3.0/leads/bulk").then().statusCode(202).extract().jsonPath().getString("uuid");
        assertThat(BulkImportTest.awaitDone(token, "/platform-api/v3.0/leads/bulk/" + uuid).getString("status"))
                .isEqualTo("failed");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sample(failed)).isEqualTo(before + 1));
    }

    /** The alerts' other inputs come from Quarkus' binders: HTTP server requests and the Kafka consumers' lag. */
    @Test
    void shouldExportTheHttpAndKafkaConsumerMetricsTheAlertsRead() {
        String token = TestTokens.token(TestFixtures.newTenant(), TestFixtures.PLATFORM);
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/987654321").then().statusCode(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(sample("http_server_requests_seconds_count")).isGreaterThan(0);
            // NaN until the consumer's first fetch; the series must exist
            assertThat(sample("kafka_consumer_fetch_manager_records_lag_max")).as("present").isNotEqualTo(-1.0);
        });
    }

    /** The value of one series in the Prometheus text; -1 when the series is absent. */
    static double sample(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        String labels = series.contains("{") ? series.substring(series.indexOf('{') + 1, series.length() - 1) : "";
        // labels may hold braces themselves (uri="/leads/{leadId}"): the value is the line's first field after them
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{(.*)\\})? (\\S+)(?: \\S+)?$")
                .matcher(text);
        while (line.find()) {
            String have = line.group(1) == null ? "" : line.group(1);
            if (labels.isEmpty() || have.contains(labels)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return -1;
    }
}
