package io.switchboard.lead.campaign;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.campaign.CampaignEvents;
import io.switchboard.common.problem.DependencyFailures;

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
        Uni<Void> apply;
        try {
            CloudEvent event = codec.decode(record);
            String tenantId = event.tenantid();
            if (tenantId == null || tenantId.isBlank()) {
                throw new UnreadableEventException("Event " + event.id() + " has no tenantid");
            }
            if (CampaignEvents.CHANGED.matches(event)) {
                var c = codec.data(event, CampaignEvents.CHANGED);
                apply = Uni.createFrom().deferred(() -> campaigns.changed(tenantId, c.campaignId(), c.name(),
                        c.timeZone(), c.active(), c.updatedAt() != null ? c.updatedAt() : event.time()));
            } else if (CampaignEvents.DELETED.matches(event)) {
                var d = codec.data(event, CampaignEvents.DELETED);
                apply = Uni.createFrom().deferred(() -> campaigns.deleted(tenantId, d.campaignId(),
                        d.deletedAt() != null ? d.deletedAt() : event.time()));
            } else {
                return Uni.createFrom().voidItem();
            }
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an unreadable record on switchboard.campaign-events: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return apply.onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }
}
