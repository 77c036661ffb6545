package io.switchboard.callback.queue;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Properties;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.callback.TestFixtures;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.queue.ServiceQueueEvents;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Intake reads queue settings from a cache. A change made by another replica reaches this one as the queue event that
 * replica publishes: here the change is made in SQL behind this replica's back and the event is sent as the other
 * replica would, and intake follows the change as soon as the event arrives, well within the cache's 30 s time-to-live
 * (the first request cached the settings).
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ServiceQueueCacheInvalidationTest {

    private static final String TENANT = TestFixtures.newTenant();

    @Inject
    Pool pool;

    @Inject
    CloudEventCodec codec;

    private static int request(String number) {
        return given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"" + number + "\", \"serviceQueue\": 3, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then().extract().statusCode();
    }

    @Test
    void shouldFollowAChangeAnotherReplicaAnnounces() {
        // written straight to the table (as another replica's write would be), so that no event of this replica's own
        // can invalidate the entry between the two requests below
        TestFixtures.serviceQueue(pool, TENANT, 3, "Open", "Europe/London");
        org.assertj.core.api.Assertions.assertThat(request("+447400950001")).isEqualTo(201);

        // another replica closes the queue: its row changes, and its event follows
        pool.preparedQuery("UPDATE service_queue SET opening_hours = '[]', updated_at = now()"
                + " WHERE tenant_id = $1 AND id = 3").execute(Tuple.of(TENANT)).await().indefinitely();
        var event = codec.create("/switchboard/callback-service", ServiceQueueEvents.CHANGED, "3", TENANT,
                new ServiceQueueEvents.ServiceQueueChanged(3, "Open", "Europe/London", OffsetDateTime.now(),
                        OffsetDateTime.now()));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            // sent again on every poll: this replica's consumer may still be joining the topic when the first one goes
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                producer.send(
                        new ProducerRecord<>(ServiceQueueEvents.CHANGED.topic(), TENANT + ":3", codec.encode(event)))
                        .get();
                given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                        .body("{\"phoneNo\": \"+447400950003\", \"serviceQueue\": 3, \"callType\": 1}").when()
                        .post("/api/v1/callbacks").then().statusCode(400)
                        .body("type", equalTo("https://switchboard.io/problems/out-of-hours"));
            });
        }
    }
}
