package io.switchboard.lead;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.restassured.http.ContentType;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.agent.AgentEvents;
import io.switchboard.common.events.campaign.CampaignEvents;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Test data the way it reaches lead-service in production: campaigns and users as campaign-service's events on the real
 * broker (waiting until the read model has them), lists and leads through the API.
 */
public final class TestFixtures {

    public static final String PLATFORM = Scopes.PLATFORM;
    public static final String DIALLER = Scopes.DIALLER;
    public static final String ADMIN = Scopes.ADMIN;
    public static final String CONTACTS = Scopes.CONTACTS;

    private static KafkaProducer<String, String> producer;

    private TestFixtures() {
    }

    /** A tenant of its own per test class, so classes never see each other's rows. */
    public static String newTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /**
     * Publishes an event as its owner's outbox relay does (CloudEvent, structured JSON, with its content-type header)
     * and waits for the broker's ack.
     */
    public static <T> String publish(CloudEventCodec codec, EventType<T> type, String key, String subject,
            String tenant, T data) {
        var event = codec.create("/switchboard/test", type, subject, tenant, data);
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(type.topic(), key, codec.encode(event));
            // The header makes the connector treat the record as a CloudEvent unless consumers read it as text.
            record.headers().add("content-type", io.switchboard.common.events.CloudEvent.CONTENT_TYPE
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return event.id();
    }

    /** campaign-service announces a campaign; returns once lead-service's read model has it. */
    public static void campaign(CloudEventCodec codec, Pool pool, String tenant, long id, String name, String zone) {
        OffsetDateTime now = OffsetDateTime.now();
        publish(codec, CampaignEvents.CHANGED, tenant + ":" + id, Long.toString(id), tenant,
                new CampaignEvents.CampaignChanged(id, name, "OUTBOUND", true, zone, now, now));
        await(pool, "SELECT 1 FROM campaign_ref WHERE tenant_id = $1 AND id = $2 AND name = $3 AND NOT deleted",
                Tuple.of(tenant, id, name));
    }

    /** campaign-service announces a user; returns once lead-service's read model has the name. */
    public static void agent(CloudEventCodec codec, Pool pool, String tenant, long id, String name) {
        OffsetDateTime now = OffsetDateTime.now();
        publish(codec, AgentEvents.USER_CHANGED, tenant + ":" + id, Long.toString(id), tenant,
                new AgentEvents.UserChanged(id, name, "agent", true, null, now, now));
        await(pool, "SELECT 1 FROM agent_ref WHERE tenant_id = $1 AND id = $2 AND name = $3",
                Tuple.of(tenant, id, name));
    }

    /** Waits until the query finds a row. */
    public static void await(Pool pool, String sql, Tuple args) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(5)).size() > 0) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("Nothing matched within 30 s: " + sql);
    }

    public static long list(String tenant, long campaignId, String name) {
        return given().auth().oauth2(TestTokens.token(tenant, PLATFORM)).contentType(ContentType.JSON)
                .body("{\"listName\": \"" + name + "\", \"campaignId\": " + campaignId + "}")
                .post("/platform-api/v3.0/lists").then().statusCode(201).extract().jsonPath().getLong("listId");
    }

    public static long lead(String tenant, String json) {
        return given().auth().oauth2(TestTokens.token(tenant, PLATFORM)).contentType(ContentType.JSON).body(json)
                .post("/platform-api/v3.0/leads").then().statusCode(201).extract().jsonPath().getLong("leadId");
    }

    /** Lets the campaign dial around the clock (tests must not depend on the hour they run at). */
    public static void openWindow(String tenant, long campaignId) {
        given().auth().oauth2(TestTokens.token(tenant, ADMIN)).contentType(ContentType.JSON)
                .body("{\"callingWindowStart\": \"00:00\", \"callingWindowEnd\": \"23:59:59\"}")
                .put("/api/v1/dialler/campaigns/" + campaignId + "/policy").then().statusCode(200);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
