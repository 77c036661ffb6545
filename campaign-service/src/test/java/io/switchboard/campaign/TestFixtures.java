package io.switchboard.campaign;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.legacy.LegacyCredentialEvents;
import io.switchboard.common.events.queue.ServiceQueueEvents;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Test data through the admin API, and for what callback-service owns (service queues, legacy credentials) as its
 * events on {@code switchboard.service-queue-events}, the way they reach campaign-service in production.
 */
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

    /** Announces the queue as callback-service does and waits until its EWT can be read. */
    public static void serviceQueue(String tenant, long id, String name, String zone) {
        OffsetDateTime now = OffsetDateTime.now();
        publish(ServiceQueueEvents.CHANGED, tenant + ":" + id, Long.toString(id), tenant,
                new ServiceQueueEvents.ServiceQueueChanged(id, name, zone, now, now));
        awaitEwtStatus(tenant, id, 200);
    }

    /** The service queue of the campaign's id, which its queue events need. */
    public static void serviceQueue(String tenant, long id) {
        serviceQueue(tenant, id, "Queue " + id, "Europe/London");
    }

    /** Announces the queue's deletion and waits until its EWT is no longer found. */
    public static void deleteServiceQueue(String tenant, long id) {
        publish(ServiceQueueEvents.DELETED, tenant + ":" + id, Long.toString(id), tenant,
                new ServiceQueueEvents.ServiceQueueDeleted(id, OffsetDateTime.now()));
        awaitEwtStatus(tenant, id, 404);
    }

    /** Waits until {@code GET /api/v1/service-queues/{id}/ewt} answers the status. */
    public static void awaitEwtStatus(String tenant, long id, int status) {
        Instant deadline = Instant.now().plusSeconds(30);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = given().auth().oauth2(TestTokens.token(tenant, ADMIN)).get("/api/v1/service-queues/" + id + "/ewt")
                    .statusCode();
            if (last == status) {
                return;
            }
            pause();
        }
        throw new AssertionError(
                "Service queue " + id + " of tenant " + tenant + " still answers " + last + ", expected " + status);
    }

    /**
     * Announces the company's legacy password as callback-service does (its PBKDF2 hash only) and waits until the read
     * model holds it.
     */
    public static void companyPassword(Pool pool, String tenant, String password) {
        String hash = LegacyPasswords.hash(password);
        publish(LegacyCredentialEvents.CHANGED, tenant, tenant, tenant,
                new LegacyCredentialEvents.CredentialChanged(tenant, hash, OffsetDateTime.now()));
        awaitHash(pool, tenant, hash);
    }

    /** Waits until the read model holds the company's hash (null: none, revoked). */
    public static void awaitHash(Pool pool, String tenant, String hash) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            var rows = pool.preparedQuery("SELECT password_hash FROM company_credential WHERE tenant_id = $1")
                    .execute(Tuple.of(tenant)).await().indefinitely();
            String stored = rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
            if (Objects.equals(stored, hash)) {
                return;
            }
            pause();
        }
        throw new AssertionError("The credential of company " + tenant + " did not arrive");
    }

    private static KafkaProducer<String, String> producer;

    /** Publishes an event on its topic, encoded with common's codec as its producer would. */
    public static <T> CloudEvent publish(EventType<T> type, String key, String subject, String tenant, T data) {
        CloudEventCodec codec = Arc.container().instance(CloudEventCodec.class).get();
        CloudEvent event = codec.create("/switchboard/callback-service", type, subject, tenant, data);
        send(type.topic(), key, codec.encode(event));
        return event;
    }

    /** Sends a raw record (an unreadable one, an event of a producer's own making). */
    public static synchronized void send(String topic, String key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
