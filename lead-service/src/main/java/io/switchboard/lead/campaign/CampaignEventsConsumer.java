package io.switchboard.lead.campaign;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventHandling;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.campaign.CampaignEvents;

/**
 * Keeps the campaign read model from {@code switchboard.campaign-events} (consumer group {@code lead-service}).
 * Applying an event twice changes nothing; an unreadable record is logged and skipped; a database outage is retried
 * until it ends, so no change is lost.
 */
@ApplicationScoped
public class CampaignEventsConsumer {

    private final CloudEventCodec codec;
    private final CampaignRefRepository campaigns;

    public CampaignEventsConsumer(CloudEventCodec codec, CampaignRefRepository campaigns) {
        this.codec = codec;
        this.campaigns = campaigns;
    }

    @Incoming("campaign-events")
    public Uni<Void> consume(String record) {
        return EventHandling.handle(codec, Topics.CAMPAIGN_EVENTS, record, event -> {
            if (CampaignEvents.CHANGED.matches(event)) {
                String tenantId = EventHandling.tenantOf(event);
                var c = codec.data(event, CampaignEvents.CHANGED);
                return () -> campaigns.changed(tenantId, c.campaignId(), c.name(), c.timeZone(), c.active(),
                        c.updatedAt() != null ? c.updatedAt() : event.time());
            }
            if (CampaignEvents.DELETED.matches(event)) {
                String tenantId = EventHandling.tenantOf(event);
                var d = codec.data(event, CampaignEvents.DELETED);
                return () -> campaigns.deleted(tenantId, d.campaignId(),
                        d.deletedAt() != null ? d.deletedAt() : event.time());
            }
            return null;
        });
    }
}
