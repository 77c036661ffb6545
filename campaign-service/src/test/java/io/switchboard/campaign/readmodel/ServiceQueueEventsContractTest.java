package io.switchboard.campaign.readmodel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.campaign.TestFixtures;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.legacy.LegacyCredentialEvents;
import io.switchboard.common.events.queue.ServiceQueueEvents;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * The contract of {@code switchboard.service-queue-events} as campaign-service consumes it: every event type callback-
 * service publishes there, encoded with common's codec exactly as its outbox does, read through
 * {@link ServiceQueueEventsConsumer}, with the effect a user sees.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ServiceQueueEventsContractTest {

    @Inject
    CloudEventCodec codec;

    @Inject
    ServiceQueueEventsConsumer consumer;

    @Inject
    VerifiedCredentials verified;

    private <T> void consume(EventType<T> type, String subject, String tenant, T data) {
        assertThat(type.topic()).isEqualTo(Topics.SERVICE_QUEUE_EVENTS);
        consumer.consume(codec.encode(codec.create("/switchboard/callback-service", type, subject, tenant, data)))
                .await().indefinitely();
    }

    private static int queueStatus(String tenant, long id) {
        return given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).get("/api/v1/service-queues/" + id)
                .statusCode();
    }

    private static String getEwt(String company, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"serviceQueue\":\"3\",\"company\":\"" + company + "\",\"password\":\"" + password + "\"}")
                .post("/RequestCallbackService/Service.svc/rest/GetEWTByServiceID").then().statusCode(200).extract()
                .asString();
    }

    @Test
    void shouldReadServiceQueueChangedAndDeleted() {
        String tenant = TestFixtures.newTenant();
        OffsetDateTime t = OffsetDateTime.now();
        consume(ServiceQueueEvents.CHANGED, "3", tenant,
                new ServiceQueueEvents.ServiceQueueChanged(3, "Support", "Australia/Sydney", t, t));
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).get("/api/v1/service-queues/3").then()
                .statusCode(200).body("serviceQueue", equalTo(3)).body("name", equalTo("Support"))
                .body("timeZone", equalTo("Australia/Sydney"));
        consume(ServiceQueueEvents.DELETED, "3", tenant, new ServiceQueueEvents.ServiceQueueDeleted(3, t));
        assertThat(queueStatus(tenant, 3)).isEqualTo(404);
    }

    @Test
    void shouldReadCredentialChangedAndRevokedAndForgetRememberedChecks() {
        String company = TestFixtures.newTenant();
        OffsetDateTime t = OffsetDateTime.now();
        consume(ServiceQueueEvents.CHANGED, "3", company,
                new ServiceQueueEvents.ServiceQueueChanged(3, "Support", "Europe/London", t, t));
        consume(LegacyCredentialEvents.CHANGED, company, company,
                new LegacyCredentialEvents.CredentialChanged(company, LegacyPasswords.hash("P@ssword"), t));
        assertThat(getEwt(company, "P@ssword")).isEqualTo("0");
        assertThat(verified.remembers(company)).isTrue();

        consume(LegacyCredentialEvents.CHANGED, company, company,
                new LegacyCredentialEvents.CredentialChanged(company, LegacyPasswords.hash("N3w"), t.plusSeconds(1)));
        assertThat(verified.remembers(company)).isFalse();
        assertThat(getEwt(company, "P@ssword")).isEqualTo("-1");
        assertThat(getEwt(company, "N3w")).isEqualTo("0");

        consume(LegacyCredentialEvents.REVOKED, company, company,
                new LegacyCredentialEvents.CredentialRevoked(company, t.plusSeconds(2)));
        assertThat(verified.remembers(company)).isFalse();
        assertThat(getEwt(company, "N3w")).isEqualTo("-1");
    }

    @Test
    void shouldSkipRecordsItCannotReadAndTypesItDoesNotKeep() {
        consumer.consume("not a cloud event").await().indefinitely();
        consumer.consume("{\"specversion\": \"1.0\", \"id\": \"1\", \"type\": \"switchboard.service-queue.changed\","
                + " \"data\": {\"serviceQueueId\": 1}}").await().indefinitely();
        consumer.consume(
                "{\"specversion\": \"1.0\", \"id\": \"2\", \"type\": \"switchboard.other\", \"tenantid\": \"1\"}")
                .await().indefinitely();
    }
}
