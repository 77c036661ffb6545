package io.switchboard.lead.agent;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventHandling;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.agent.AgentEvents;

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
        return EventHandling.handle(codec, Topics.AGENT_EVENTS, record, event -> {
            if (AgentEvents.USER_CHANGED.matches(event)) {
                String tenantId = EventHandling.tenantOf(event);
                var u = codec.data(event, AgentEvents.USER_CHANGED);
                return () -> agents.changed(tenantId, u.userId(), u.name(),
                        u.updatedAt() != null ? u.updatedAt() : event.time());
            }
            if (AgentEvents.USER_DELETED.matches(event)) {
                String tenantId = EventHandling.tenantOf(event);
                var d = codec.data(event, AgentEvents.USER_DELETED);
                return () -> agents.deleted(tenantId, d.userId(), d.deletedAt() != null ? d.deletedAt() : event.time());
            }
            return null;
        });
    }
}
