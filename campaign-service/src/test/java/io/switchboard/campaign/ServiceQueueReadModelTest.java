package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.queue.ServiceQueueEvents;
import io.switchboard.common.events.queue.ServiceQueueEvents.ServiceQueueChanged;
import io.switchboard.common.events.queue.ServiceQueueEvents.ServiceQueueDeleted;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * campaign-service knows a tenant's service queues only from callback-service's events on
 * {@code switchboard.service-queue-events}: queue events and EWT reads for a queue it never announced, or deleted, are
 * refused; a late, older change never undoes a newer one.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ServiceQueueReadModelTest {

    @Inject
    Pool pool;

    private static ValidatableResponse queueEvent(String tenant, String eventId, long campaignId, String callId) {
        return given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).contentType(ContentType.JSON)
                .body("{\"eventId\": \"" + eventId + "\", \"type\": \"call-entered-queue\", \"campaignId\": "
                        + campaignId + ", \"callId\": \"" + callId + "\"}")
                .when().post("/api/v1/queue-events").then();
    }

    private static ValidatableResponse ewt(String tenant, long queue) {
        return given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).when()
                .get("/api/v1/service-queues/" + queue + "/ewt").then();
    }

    private static ValidatableResponse legacy(String method, String body) {
        return given().contentType(ContentType.JSON).body(body).when()
                .post("/RequestCallbackService/Service.svc/rest/" + method).then();
    }

    @Test
    void shouldRefuseQueueEventsAndEwtOfAQueueCallbackServiceNeverAnnounced() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.companyPassword(pool, tenant, "P@ssword");
        TestFixtures.campaign(tenant, 1, "Support", "INBOUND", "Europe/London");

        queueEvent(tenant, "e-1", 1, "c-1").statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://switchboard.io/problems/unknown-service-queue"))
                .body("status", equalTo(404)).body("detail", containsString("No service queue 1"));
        ewt(tenant, 1).statusCode(404).contentType("application/problem+json").body("detail",
                containsString("No service queue 1"));
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).when()
                .get("/api/v1/service-queues/1/ewt/accuracy").then().statusCode(404)
                .body("detail", containsString("No service queue 1"));
        // The legacy methods refuse in their contract's shape, with good credentials.
        legacy("GetEWTByServiceID", "{\"serviceQueue\":\"1\",\"company\":\"" + tenant + "\",\"password\":\"P@ssword\"}")
                .statusCode(200).body(equalTo("-1"));
        legacy("UpdateEWTRecord",
                "{\"serviceQueue\":\"1\",\"ewt\":\"2\",\"company\":\"" + tenant + "\",\"password\":\"P@ssword\"}")
                        .statusCode(200).body(equalTo("false"));

        // Once callback-service announces queue 1, the same requests are served; a refused event was not recorded.
        TestFixtures.serviceQueue(tenant, 1, "Support", "Europe/London");
        queue(tenant, 1).statusCode(200).body("serviceQueue", equalTo(1)).body("name", equalTo("Support"));
        queueEvent(tenant, "e-1", 1, "c-1").statusCode(200).body("duplicate", equalTo(false)).body("callsWaiting",
                equalTo(1));
        ewt(tenant, 1).statusCode(200).body("serviceQueue", equalTo(1)).body("callsWaiting", equalTo(1));
        legacy("UpdateEWTRecord",
                "{\"serviceQueue\":\"1\",\"ewt\":\"2\",\"company\":\"" + tenant + "\",\"password\":\"P@ssword\"}")
                        .statusCode(200).body(equalTo("true"));
        legacy("GetEWTByServiceID", "{\"serviceQueue\":\"1\",\"company\":\"" + tenant + "\",\"password\":\"P@ssword\"}")
                .statusCode(200).body(equalTo("2"));

        // Another tenant's queue 1 is not this tenant's.
        ewt(TestFixtures.newTenant(), 1).statusCode(404);
    }

    @Test
    void shouldForgetADeletedQueueAndIgnoreChangesOlderThanTheDeletion() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 4, "Sales", "INBOUND", "Europe/London");
        OffsetDateTime t = OffsetDateTime.parse("2026-11-24T09:00:00Z");
        publishChanged(tenant, 4, "Sales", t, t);
        TestFixtures.awaitEwtStatus(tenant, 4, 200);
        queueEvent(tenant, "d-1", 4, "c-1").statusCode(200).body("callsWaiting", equalTo(1));
        queueEvent(tenant, "d-1b", 4, "c-9").statusCode(200).body("callsWaiting", equalTo(2));
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).contentType(ContentType.JSON)
                .body("{\"eventId\": \"d-1c\", \"type\": \"call-answered\", \"campaignId\": 4, \"callId\": \"c-9\"}")
                .when().post("/api/v1/queue-events").then().statusCode(200).body("callsWaiting", equalTo(1));
        // Its EWT accuracy is exported as metrics (refreshed every few seconds) ...
        String tags = "service_queue=\"4\",tenant=\"" + tenant + "\"";
        await().atMost(Duration.ofSeconds(40)).untilAsserted(
                () -> assertThat(metrics()).contains("switchboard_ewt_quotes_compared{" + tags + "} 1.0"));

        TestFixtures.publish(ServiceQueueEvents.DELETED, tenant + ":4", "4", tenant,
                new ServiceQueueDeleted(4, t.plusMinutes(10)));
        TestFixtures.awaitEwtStatus(tenant, 4, 404);
        // ... until the queue is deleted.
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(metrics()).doesNotContain("tenant=\"" + tenant + "\""));
        queueEvent(tenant, "d-2", 4, "c-2").statusCode(404).body("detail", containsString("No service queue 4"));

        // A late copy of a change made before the deletion (and a redelivered one) brings nothing back: once a later
        // event on the same key (queue 5 announced) has been applied, queue 4 is still gone.
        publishChanged(tenant, 4, "Sales", t, t.plusMinutes(5));
        publishChanged(tenant, 4, "Sales", t, t);
        TestFixtures.publish(ServiceQueueEvents.CHANGED, tenant + ":4", "5", tenant,
                new ServiceQueueChanged(5, "Marker", "Europe/London", t, t));
        TestFixtures.awaitEwtStatus(tenant, 5, 200);
        ewt(tenant, 4).statusCode(404);
        queue(tenant, 4).statusCode(404).contentType("application/problem+json");

        // Created again later under the same id, it starts from an empty queue: the deletion took its calls with it.
        publishChanged(tenant, 4, "Sales again", t.plusMinutes(20), t.plusMinutes(20));
        TestFixtures.awaitEwtStatus(tenant, 4, 200);
        ewt(tenant, 4).statusCode(200).body("callsWaiting", equalTo(0));
        queueEvent(tenant, "d-3", 4, "c-1").statusCode(200).body("callsWaiting", equalTo(1));
    }

    @Test
    void shouldKeepTheNewestOfRenamesArrivingOutOfOrderAndIgnoreOtherRecords() {
        String tenant = TestFixtures.newTenant();
        OffsetDateTime t = OffsetDateTime.parse("2026-11-24T09:00:00Z");
        TestFixtures.send(Topics.SERVICE_QUEUE_EVENTS, tenant + ":6", "not a cloud event");
        TestFixtures.send(Topics.SERVICE_QUEUE_EVENTS, tenant + ":6", "{\"specversion\": \"1.0\", \"id\": \"x\","
                + " \"type\": \"switchboard.service-queue.something-else\", \"tenantid\": \"" + tenant + "\"}");
        publishChanged(tenant, 6, "Newest", t, t.plusMinutes(2));
        publishChanged(tenant, 6, "Older", t, t.plusMinutes(1));
        TestFixtures.publish(ServiceQueueEvents.CHANGED, tenant + ":6", "7", tenant,
                new ServiceQueueChanged(7, "Marker", "Europe/London", t, t));
        TestFixtures.awaitEwtStatus(tenant, 7, 200);
        queue(tenant, 6).statusCode(200).body("serviceQueue", equalTo(6)).body("name", equalTo("Newest"))
                .body("timeZone", equalTo("Europe/London"));
        // A deletion older than the newest change is ignored too.
        TestFixtures.publish(ServiceQueueEvents.DELETED, tenant + ":6", "6", tenant,
                new ServiceQueueDeleted(6, t.plusMinutes(1)));
        TestFixtures.publish(ServiceQueueEvents.DELETED, tenant + ":6", "7", tenant,
                new ServiceQueueDeleted(7, t.plusMinutes(1)));
        TestFixtures.awaitEwtStatus(tenant, 7, 404);
        queue(tenant, 6).statusCode(200).body("name", equalTo("Newest"));
    }

    private static ValidatableResponse queue(String tenant, long queue) {
        return given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).when()
                .get("/api/v1/service-queues/" + queue).then();
    }

    @Test
    void shouldSkipAKafkaQueueEventForAnUnknownQueueAndApplyTheNextOne() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 8, "Support", "INBOUND", "Europe/London");
        TestFixtures.campaign(tenant, 9, "Sales", "INBOUND", "Europe/London");
        TestFixtures.serviceQueue(tenant, 9);
        // Same key, so the second is read after the first: once it is applied, the first was read and skipped.
        TestFixtures.send(Topics.QUEUE_EVENTS, tenant + ":acd", acdEvent(tenant, "k-1", 8, "c-1"));
        TestFixtures.send(Topics.QUEUE_EVENTS, tenant + ":acd", acdEvent(tenant, "k-2", 9, "c-1"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> ewt(tenant, 9).statusCode(200).body("callsWaiting", equalTo(1)));
        // Announced later, queue 8 has no call: the refused event was not kept.
        TestFixtures.serviceQueue(tenant, 8);
        ewt(tenant, 8).statusCode(200).body("callsWaiting", equalTo(0));
    }

    private static String acdEvent(String tenant, String id, long campaignId, String callId) {
        return "{\"specversion\": \"1.0\", \"id\": \"" + id + "\", \"source\": \"/acd\", \"type\":"
                + " \"switchboard.queue.event\", \"tenantid\": \"" + tenant + "\", \"data\": {\"type\":"
                + " \"call-entered-queue\", \"campaignId\": " + campaignId + ", \"callId\": \"" + callId + "\"}}";
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static void publishChanged(String tenant, long id, String name, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        TestFixtures.publish(ServiceQueueEvents.CHANGED, tenant + ":" + id, Long.toString(id), tenant,
                new ServiceQueueChanged(id, name, "Europe/London", createdAt, updatedAt));
    }
}
