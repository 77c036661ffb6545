package io.switchboard.campaign.list;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventHandling;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.lead.LeadEvents;

/**
 * Keeps the lists of each campaign from lead-service's {@code switchboard.lead-events} (consumer group
 * {@code campaign-service}); the topic's other events (imports, dialler attempts) pass by. Applying an event twice
 * changes nothing; an unreadable record is logged and skipped; a database outage is retried until it ends.
 */
@ApplicationScoped
public class LeadListEventsConsumer {

    private final CloudEventCodec codec;
    private final CampaignLeadListRepository lists;

    public LeadListEventsConsumer(CloudEventCodec codec, CampaignLeadListRepository lists) {
        this.codec = codec;
        this.lists = lists;
    }

    @Incoming("lead-events")
    public Uni<Void> consume(String record) {
        return EventHandling.handle(codec, Topics.LEAD_EVENTS, record, event -> {
            if (!LeadEvents.LIST_CHANGED.matches(event)) {
                return null;
            }
            String tenantId = EventHandling.tenantOf(event);
            var list = codec.data(event, LeadEvents.LIST_CHANGED);
            var at = list.updatedAt() != null ? list.updatedAt() : event.time();
            return () -> lists.changed(tenantId, list.listId(), list.campaignId(), list.name(), list.inDialler(),
                    list.weight(), at);
        });
    }
}
