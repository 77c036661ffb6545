package io.switchboard.crm.dialler;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventHandling;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.crm.activity.Activity;
import io.switchboard.crm.activity.ActivityRepository;
import io.vertx.core.json.JsonObject;

/**
 * Dialler attempts from {@code switchboard.lead-events} become activities under the id lead-service minted, linked to
 * the lead's previous and first attempts. The id makes a redelivered event a no-op. Other lead events are not ours.
 */
@ApplicationScoped
public class DiallerAttemptConsumer {

    private final CloudEventCodec codec;
    private final ActivityRepository activities;
    private final Outbox outbox;

    public DiallerAttemptConsumer(CloudEventCodec codec, ActivityRepository activities, Outbox outbox) {
        this.codec = codec;
        this.activities = activities;
        this.outbox = outbox;
    }

    @Incoming("lead-events")
    public Uni<Void> consume(String record) {
        return EventHandling.handle(codec, Topics.LEAD_EVENTS, record, event -> {
            if (!LeadEvents.ATTEMPT_RECORDED.matches(event)) {
                return null;
            }
            Activity activity = activityOf(EventHandling.tenantOf(event),
                    codec.data(event, LeadEvents.ATTEMPT_RECORDED));
            return () -> outbox.inTransaction(tx -> activities.insert(tx, activity));
        });
    }

    static Activity activityOf(String tenantId, LeadEvents.AttemptRecorded a) {
        JsonObject data = new JsonObject().put("source", Activity.DIALLER).put("attemptId", a.attemptId())
                .put("leadId", a.leadId()).put("campaignId", a.campaignId()).put("listId", a.listId())
                .put("customerKey", a.customerKey()).put("phoneIndex", a.phoneIndex())
                .put("phoneNumber", a.phoneNumber()).put("dialStatusId", a.dialStatusId())
                .put("dialStatusName", a.dialStatusName()).put("agentId", a.agentId())
                .put("parentActivityId", a.parentActivityId()).put("rootActivityId", a.rootActivityId());
        String type = a.type() == null || a.type().isBlank() ? Activity.OUTBOUND : a.type();
        OffsetDateTime started = a.startedAt() == null ? OffsetDateTime.now() : a.startedAt();
        return new Activity(a.activityId(), tenantId, type, Activity.DIALLER, Long.toString(a.attemptId()),
                a.campaignId(), a.parentActivityId(), a.rootActivityId(), a.phoneNumber(), started, a.endedAt(), data,
                null);
    }
}
