package io.switchboard.common.events;

/** The Kafka topics of the architecture, one per aggregate. */
public final class Topics {

    public static final String CALLBACK_EVENTS = "switchboard.callback-events";
    public static final String LEAD_EVENTS = "switchboard.lead-events";
    public static final String ACTIVITY_EVENTS = "switchboard.activity-events";
    public static final String AGENT_EVENTS = "switchboard.agent-events";
    public static final String EWT_UPDATES = "switchboard.ewt-updates";
    public static final String CAMPAIGN_EVENTS = "switchboard.campaign-events";
    /** Service queue definitions, owned by callback-service and read by campaign-service. */
    public static final String SERVICE_QUEUE_EVENTS = "switchboard.service-queue-events";
    /** Call and presence events of the ACD and diallers (not an aggregate of ours: read by campaign-service). */
    public static final String QUEUE_EVENTS = "switchboard.queue-events";
    public static final String ERASURE_REQUESTS = "switchboard.erasure-requests";
    public static final String ERASURE_RESULTS = "switchboard.erasure-results";

    private Topics() {
    }
}
