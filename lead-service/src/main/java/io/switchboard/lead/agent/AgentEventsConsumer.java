package io.switchboard.lead.agent;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.agent.AgentEvents;
import io.switchboard.common.problem.DependencyFailures;

/**
 * Keeps the names of users from {@code switchboard.agent-events} (consumer group {@code lead-service}); presence events
 * on the same topic are not needed here and pass by.
 */
@ApplicationScoped
public class AgentEventsConsumer {

    private final CloudEventCodec codec;
    private final AgentRefRepository agents;

    public AgentEventsConsumer(CloudEventCodec codec, AgentRefRepository agents) {
        this.codec = codec;
        this.agents = agents;
    }

    @Incoming("agent-events")
    public Uni<Void> consume(String record) {
        Uni<Void> apply;
        try {
            CloudEvent event = codec.decode(record);
            String tenantId = event.tenantid();
            if (tenantId == null || tenantId.isBlank()) {
                throw new UnreadableEventException("Event " + event.id() + " has no tenantid");
            }
            if (AgentEvents.USER_CHANGED.matches(event)) {
                var u = codec.data(event, AgentEvents.USER_CHANGED);
                apply = Uni.createFrom().deferred(() -> agents.changed(tenantId, u.userId(), u.name(),
                        u.updatedAt() != null ? u.updatedAt() : event.time()));
            } else if (AgentEvents.USER_DELETED.matches(event)) {
                var d = codec.data(event, AgentEvents.USER_DELETED);
                apply = Uni.createFrom().deferred(() -> agents.deleted(tenantId, d.userId(),
                        d.deletedAt() != null ? d.deletedAt() : event.time()));
            } else {
                return Uni.createFrom().voidItem();
            }
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an unreadable record on switchboard.agent-events: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return apply.onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely();
    }
}
