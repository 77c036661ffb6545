package io.switchboard.campaign.queue;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a dialler or ACD reports about a campaign's queue. */
@RegisterForReflection
public enum QueueEventType {
    @JsonProperty("call-entered-queue")
    CALL_ENTERED_QUEUE, @JsonProperty("call-answered")
    CALL_ANSWERED,
    /** The caller hung up in the IVR/workflow, before reaching the queue: received, never queued. */
    @JsonProperty("call-abandoned-in-workflow")
    CALL_ABANDONED_IN_WORKFLOW, @JsonProperty("call-abandoned-in-queue")
    CALL_ABANDONED_IN_QUEUE, @JsonProperty("agent-available")
    AGENT_AVAILABLE, @JsonProperty("agent-unavailable")
    AGENT_UNAVAILABLE;

    boolean isAgentEvent() {
        return this == AGENT_AVAILABLE || this == AGENT_UNAVAILABLE;
    }
}
