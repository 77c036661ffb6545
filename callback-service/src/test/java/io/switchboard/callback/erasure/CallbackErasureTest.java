package io.switchboard.callback.erasure;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.callback.TestFixtures;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Customer erasure (GDPR) against the real broker and database: a person's callbacks, made through the API, are gone
 * after one request on {@code switchboard.erasure-requests}; no row of any table of the service's schema (outbox
 * included) holds the number, the name or the call data any more; the answer with the count arrives on
 * {@code switchboard.erasure-results}, and again, with the same count, for a redelivered request.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CallbackErasureTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    @Test
    void shouldEraseThePersonsCallbacksEverywhereAndAnswerWithTheCountOncePerErasure() throws Exception {
        String tenant = TestFixtures.newTenant();
        String otherTenant = TestFixtures.newTenant();
        String six = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String national = "07400 " + six;
        String e164 = "+447400" + six;
        String digits = "7400" + six;
        String name = "Erin Erasure" + UUID.randomUUID().toString().substring(0, 6);
        String callData = "order " + UUID.randomUUID().toString().substring(0, 8);
        String otherNumber = "+447400" + String.format("%06d", (Integer.parseInt(six) + 1) % 1_000_000);
        LocalDate tomorrow = LocalDate.now(LONDON).plusDays(1);

        queue(tenant, "{\"id\": 1, \"name\": \"Now\", \"timeZone\": \"Europe/London\","
                + " \"maxRequestsPerNumberPerHour\": 10}");
        queue(tenant, "{\"id\": 2, \"name\": \"Later\", \"timeZone\": \"Europe/London\","
                + " \"timeslots\": {\"lengthMinutes\": 30, \"capacity\": 1}}");
        queue(otherTenant, "{\"id\": 1, \"name\": \"Theirs\", \"timeZone\": \"Europe/London\"}");

        // the person's callbacks: one now (with call data, an idempotency key, a rate counter, an amendment and a
        // reported status), one booked into tomorrow's 09:30 slot
        String now = given().auth().oauth2(callbacks(tenant)).contentType(ContentType.JSON)
                .header("Idempotency-Key", "erasure-" + six)
                .body("{\"Name\": \"" + name + "\", \"phoneNo\": \"" + national + "\", \"region\": \"GB\","
                        + " \"serviceQueue\": 1, \"callType\": 1, \"fields\": [\"" + callData + "\"]}")
                .post("/api/v1/callbacks").then().statusCode(201).extract().path("confirmationCode");
        given().auth().oauth2(callbacks(tenant)).contentType(ContentType.JSON)
                .body("{\"fields\": [\"" + callData + "\", \"vip\"]}").patch("/api/v1/callbacks/{code}", now).then()
                .statusCode(200);
        given().auth().oauth2(TestTokens.token(tenant, "switchboard.dialler")).contentType(ContentType.JSON)
                .body("{\"status\": \"CallingUser\"}").post("/api/v1/dialler/callbacks/{code}/events", now).then()
                .statusCode(200);
        String later = given().auth().oauth2(callbacks(tenant)).contentType(ContentType.JSON)
                .body("{\"name\": \"" + name + "\", \"phoneNo\": \"" + e164 + "\", \"serviceQueue\": 2,"
                        + " \"callType\": 2, \"timeslot\": 20, \"date\": \"" + tomorrow + "\"}")
                .post("/api/v1/callbacks").then().statusCode(201).extract().path("confirmationCode");
        OffsetDateTime slot = tomorrow.atTime(9, 30).atZone(LONDON).toOffsetDateTime();
        assertThat(taken(tenant, slot)).isEqualTo(1);
        // someone else's callback in the tenant, and the same number in another tenant (another person's business)
        String someoneElse = given().auth().oauth2(callbacks(tenant)).contentType(ContentType.JSON)
                .body("{\"name\": \"Carol\", \"phoneNo\": \"" + otherNumber + "\", \"serviceQueue\": 1,"
                        + " \"callType\": 1}")
                .post("/api/v1/callbacks").then().statusCode(201).extract().path("confirmationCode");
        String theirs = given().auth().oauth2(callbacks(otherTenant)).contentType(ContentType.JSON)
                .body("{\"name\": \"Dora\", \"phoneNo\": \"" + e164 + "\", \"serviceQueue\": 1, \"callType\": 1}")
                .post("/api/v1/callbacks").then().statusCode(201).extract().path("confirmationCode");

        // the search finds the person before the erasure, so it is shown to work
        Map<String, Long> before = occurrences(otherTenant, digits, name, callData);
        assertThat(before).containsKeys("callback", "outbox_event", "intake_rate");
        // the stored answer to the idempotent POST names the callback (by its code)
        String storedAnswer = "SELECT count(*) FROM idempotency_key WHERE tenant_id = $1 AND strpos(body, $2) > 0";
        assertThat(count(storedAnswer, Tuple.of(tenant, now))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM callback_status_change s JOIN callback c ON c.id = s.callback_id"
                + " WHERE c.confirmation_code = $1", Tuple.of(now))).isEqualTo(1);

        String erasureId = "erasure-" + UUID.randomUUID();
        var request = new ErasureEvents.ErasureRequested(erasureId, List.of(e164), List.of(), OffsetDateTime.now());
        publish(tenant, request);

        ConsumerRecord<String, String> answer = KafkaTopics.awaitRecord("switchboard.erasure-results",
                r -> erasureId.equals(r.key()), Duration.ofSeconds(30));
        CloudEvent event = codec.decode(answer.value());
        assertThat(event.type()).isEqualTo("switchboard.erasure.completed");
        assertThat(event.tenantid()).isEqualTo(tenant);
        assertThat(event.subject()).isEqualTo(erasureId);
        var completed = codec.data(event, ErasureEvents.COMPLETED);
        assertThat(completed.erasureId()).isEqualTo(erasureId);
        assertThat(completed.service()).isEqualTo("callback-service");
        assertThat(completed.erased()).containsExactlyEntriesOf(Map.of("callbacks", 2L));

        // gone from the API; the others stay
        given().auth().oauth2(callbacks(tenant)).get("/api/v1/callbacks/{code}", now).then().statusCode(404);
        given().auth().oauth2(callbacks(tenant)).get("/api/v1/callbacks/{code}", later).then().statusCode(404);
        given().auth().oauth2(callbacks(tenant)).get("/api/v1/callbacks/{code}", someoneElse).then().statusCode(200)
                .body("phoneNo", equalTo(otherNumber));
        given().auth().oauth2(callbacks(otherTenant)).get("/api/v1/callbacks/{code}", theirs).then().statusCode(200)
                .body("phoneNo", equalTo(e164)).body("name", equalTo("Dora"));
        // the slot's place is free again; the status history went with the callback
        assertThat(taken(tenant, slot)).isZero();
        assertThat(count("SELECT count(*) FROM callback_status_change s WHERE NOT EXISTS (SELECT 1 FROM callback c"
                + " WHERE c.id = s.callback_id)", Tuple.tuple())).isZero();
        // and no row of the schema holds the number, the name or the call data
        assertThat(occurrences(otherTenant, digits, name, callData)).as("tables still holding the person").isEmpty();
        assertThat(count(storedAnswer, Tuple.of(tenant, now))).isZero();
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = ANY($1) AND strpos(payload, $2) > 0",
                Tuple.of(new String[] { now, later }, "[erased]"))).isPositive();

        // a redelivered request erases nothing more and answers with the same count
        publish(tenant, request);
        List<ConsumerRecord<String, String>> answers = KafkaTopics.awaitRecords("switchboard.erasure-results",
                r -> erasureId.equals(r.key()), 2, Duration.ofSeconds(30));
        var second = codec.data(codec.decode(answers.get(1).value()), ErasureEvents.COMPLETED);
        assertThat(second.erased()).containsExactlyEntriesOf(Map.of("callbacks", 2L));
        given().auth().oauth2(callbacks(tenant)).get("/api/v1/callbacks/{code}", someoneElse).then().statusCode(200);
    }

    private static String callbacks(String tenant) {
        return TestTokens.token(tenant, "buzzeasy.callback");
    }

    private static void queue(String tenant, String definition) {
        given().auth().oauth2(TestTokens.token(tenant, "switchboard.admin")).contentType(ContentType.JSON)
                .body(definition).post("/api/v1/service-queues").then().statusCode(201);
    }

    private void publish(String tenant, ErasureEvents.ErasureRequested request) throws Exception {
        var event = codec.create("/switchboard/crm-service", ErasureEvents.REQUESTED, request.erasureId(), tenant,
                request);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(
                    new ProducerRecord<>(ErasureEvents.REQUESTED.topic(), request.erasureId(), codec.encode(event)))
                    .get();
        }
    }

    private long taken(String tenant, OffsetDateTime slot) {
        return count("SELECT coalesce(sum(taken), 0) FROM timeslot_usage WHERE tenant_id = $1 AND slot_start = $2",
                Tuple.of(tenant, slot));
    }

    private long count(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().indefinitely().iterator().next().getLong(0);
    }

    /**
     * Rows of each table of the service's schema whose text holds any of the values, by table; rows of
     * {@code otherTenant} (which has a callback for the same number, and its rate counter) left out.
     */
    private Map<String, Long> occurrences(String otherTenant, String... values) {
        List<String[]> tables = new ArrayList<>();
        pool.query("SELECT t.table_name, EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema ="
                + " t.table_schema AND c.table_name = t.table_name AND c.column_name = 'tenant_id') FROM"
                + " information_schema.tables t WHERE t.table_schema = 'callback' AND t.table_type = 'BASE TABLE'")
                .execute().await().indefinitely()
                .forEach(row -> tables.add(new String[] { row.getString(0), row.getBoolean(1).toString() }));
        assertThat(tables).extracting(t -> t[0]).contains("callback", "callback_status_change", "outbox_event",
                "idempotency_key", "intake_rate", "timeslot_usage", "ameyo_session");
        Map<String, Long> found = new LinkedHashMap<>();
        for (String[] table : tables) {
            String others = Boolean.parseBoolean(table[1]) ? " AND t.tenant_id <> $2"
                    : table[0].equals("intake_rate") ? " AND NOT starts_with(t.scope, 'n:' || $2 || ':')"
                            : " AND $2::text IS NOT NULL";
            long rows = count(
                    "SELECT count(*) FROM callback.\"" + table[0] + "\" t WHERE EXISTS (SELECT 1 FROM"
                            + " unnest($1::text[]) v(s) WHERE strpos(t::text, v.s) > 0)" + others,
                    Tuple.of(values, otherTenant));
            if (rows > 0) {
                found.put(table[0], rows);
            }
        }
        return found;
    }
}
