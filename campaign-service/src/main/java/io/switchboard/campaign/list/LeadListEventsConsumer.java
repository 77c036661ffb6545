package io.switchboard.campaign.list;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.common.problem.DependencyFailures;

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
        String tenantId;
        LeadEvents.ListChanged list;
        CloudEvent event;
        try {
            event = codec.decode(record);
            if (!LeadEvents.LIST_CHANGED.matches(event)) {
                return Uni.createFrom().voidItem();
            }
            tenantId = event.tenantid();
            if (tenantId == null || tenantId.isBlank()) {
                throw new UnreadableEventException("Event " + event.id() + " has no tenantid");
            }
            list = codec.data(event, LeadEvents.LIST_CHANGED);
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an unreadable record on switchboard.lead-events: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        var at = list.updatedAt() != null ? list.updatedAt() : event.time();
        return Uni.createFrom()
                .deferred(() -> lists.changed(tenantId, list.listId(), list.campaignId(), list.name(), list.inDialler(),
                        list.weight(), at))
                .onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }
}
