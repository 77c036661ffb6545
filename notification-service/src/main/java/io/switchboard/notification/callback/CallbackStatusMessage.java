package io.switchboard.notification.callback;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a subscriber of a callback receives, one JSON text frame per event.
 *
 * @param eventId
 *            the CloudEvent id: unique, the key for dedupe and for resuming
 * @param type
 *            the CloudEvent type, e.g. {@code switchboard.callback.status-changed}
 * @param status
 *            the call status (one of the nine legacy statuses), or {@code Requested} when the callback was accepted
 * @param state
 *            the callback's state after the event (PENDING, IN_PROGRESS, SUCCEEDED, ...)
 * @param occurredAt
 *            when the change happened
 * @param tenantId
 *            the tenant of the callback (routes the event to its queue's dashboards; not sent)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackStatusMessage(String eventId, String type, String confirmationCode, String status, String state,
        Long serviceQueue, OffsetDateTime occurredAt, @JsonIgnore String tenantId) {

    public static final String REQUESTED_STATUS = "Requested";
}
