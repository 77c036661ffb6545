package io.switchboard.campaign.readmodel;

/**
 * A queue event, EWT read or EWT update named a service queue that callback-service has not announced to this tenant
 * (or has deleted). Thrown by the services; the modern API maps it to a 404 problem, the legacy methods to their
 * refusal ({@code false} / {@code -1}), the Kafka consumer logs and skips the event.
 */
public class UnknownServiceQueueException extends RuntimeException {

    private final long serviceQueueId;

    public UnknownServiceQueueException(long serviceQueueId) {
        super("No service queue " + serviceQueueId + ": callback-service has not announced it for this tenant, or it"
                + " was deleted.", null, false, false);
        this.serviceQueueId = serviceQueueId;
    }

    public long serviceQueueId() {
        return serviceQueueId;
    }
}
