package io.switchboard.common.events.erasure;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * The customer-erasure saga (GDPR). crm-service, which owns it, publishes a request on
 * {@code switchboard.erasure-requests}; every service holding personal data (callback-service, lead-service) erases
 * what matches and answers on {@code switchboard.erasure-results}. Both are keyed and subjected by the erasure id.
 * Handlers are idempotent: a redelivered request erases nothing more and answers the same way (counts of what this
 * delivery erased, so a second answer may say 0).
 */
@RegisterForReflection
public final class ErasureEvents {

    public static final EventType<ErasureRequested> REQUESTED = EventType.of(Topics.ERASURE_REQUESTS,
            "switchboard.erasure.requested", ErasureRequested.class);
    public static final EventType<ErasureCompleted> COMPLETED = EventType.of(Topics.ERASURE_RESULTS,
            "switchboard.erasure.completed", ErasureCompleted.class);

    private ErasureEvents() {
    }

    /**
     * Erase every record of the tenant that belongs to a person with any of these numbers or addresses.
     *
     * @param phoneNumbers
     *            E.164 numbers (already normalised by crm-service with the tenant's default region)
     * @param emailAddresses
     *            addresses in lower case
     */
    public record ErasureRequested(String erasureId, List<String> phoneNumbers, List<String> emailAddresses,
            OffsetDateTime requestedAt) {
    }

    /**
     * One service's answer.
     *
     * @param service
     *            the answering service's application name, e.g. {@code callback-service}
     * @param erased
     *            what it erased, by kind: callback-service {@code callbacks}; lead-service {@code leads},
     *            {@code attempts}
     */
    public record ErasureCompleted(String erasureId, String service, Map<String, Long> erased,
            OffsetDateTime completedAt) {
    }
}
