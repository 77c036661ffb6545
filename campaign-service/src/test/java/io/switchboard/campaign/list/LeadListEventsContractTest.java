package io.switchboard.campaign.list;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.campaign.TestFixtures;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/**
 * The contract of {@code switchboard.lead-events} as campaign-service consumes it: lead-service's list-changed event,
 * encoded with common's codec as its outbox does, read through {@link LeadListEventsConsumer}.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class LeadListEventsContractTest {

    @Inject
    CloudEventCodec codec;

    @Inject
    LeadListEventsConsumer consumer;

    @Test
    void shouldReadListChanged() {
        assertThat(LeadEvents.LIST_CHANGED.topic()).isEqualTo(Topics.LEAD_EVENTS);
        String tenant = TestFixtures.newTenant();
        TestFixtures.campaign(tenant, 8, "Outbound", "OUTBOUND", "Europe/London");
        OffsetDateTime t = OffsetDateTime.now();
        var event = codec.create("/switchboard/lead-service", LeadEvents.LIST_CHANGED, "40", tenant,
                new LeadEvents.ListChanged(40, 8, "Winter leads", true, 2, false, t, t));
        consumer.consume(codec.encode(event)).await().indefinitely();
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM)).get("/platform-api/v3.0/campaigns/8")
                .then().statusCode(200).body("lists", hasSize(1)).body("lists[0].listId", equalTo(40))
                .body("lists[0].listName", equalTo("Winter leads")).body("lists[0].inDialler", equalTo(true))
                .body("lists[0].weight", equalTo(2));
    }
}
