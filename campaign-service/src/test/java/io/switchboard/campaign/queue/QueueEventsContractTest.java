package io.switchboard.campaign.queue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.campaign.TestFixtures;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * The contract of {@code switchboard.queue-events} as campaign-service consumes it: an ACD's queue event, a CloudEvent
 * written with common's codec whose data is the body of {@code POST /api/v1/queue-events}, read through
 * {@link QueueEventConsumer}; a repeat of the same event id changes nothing, a record that is no CloudEvent is skipped.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class QueueEventsContractTest {

    private static final EventType<QueueEvent> ACD_EVENT = EventType.of(Topics.QUEUE_EVENTS, "switchboard.queue.event",
            QueueEvent.class);

    @Inject
    CloudEventCodec codec;

    @Inject
    QueueEventConsumer consumer;

    @Test
    void shouldReadAnAcdQueueEvent() {
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 1, "Support", "INBOUND", "Europe/London");
        TestFixtures.serviceQueue(tenant, 1);
        var data = new QueueEvent("acd-1", QueueEventType.CALL_ENTERED_QUEUE, 1L, "c-1", null, OffsetDateTime.now());
        String record = codec.encode(codec.create("/acd", ACD_EVENT, "1", tenant, data));
        consumer.consume(record).await().indefinitely();
        consumer.consume(record).await().indefinitely();
        consumer.consume("not a cloud event").await().indefinitely();
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).get("/api/v1/service-queues/1/ewt").then()
                .statusCode(200).body("callsWaiting", equalTo(1));
    }
}
