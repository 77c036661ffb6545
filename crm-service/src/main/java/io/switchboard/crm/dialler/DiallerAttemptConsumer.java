package io.switchboard.crm.dialler;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.problem.DependencyFailures;
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
        CloudEvent event;
        Activity activity;
        try {
            event = codec.decode(record);
            if (!LeadEvents.ATTEMPT_RECORDED.matches(event)) {
                return Uni.createFrom().voidItem();
            }
            if (event.tenantid() == null || event.tenantid().isBlank()) {
                throw new UnreadableEventException("Event " + event.id() + " has no tenantid");
            }
            activity = activityOf(event.tenantid(), codec.data(event, LeadEvents.ATTEMPT_RECORDED));
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping a lead event that cannot be read: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> outbox.inTransaction(tx -> activities.insert(tx, activity)))
                .onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely().replaceWithVoid().onFailure()
                .recoverWithUni(e -> {
                    Log.errorf(e, "Skipping lead event %s of tenant %s", event.id(), event.tenantid());
                    return Uni.createFrom().voidItem();
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
