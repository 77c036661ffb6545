package io.switchboard.callback;

import java.time.OffsetDateTime;

import io.switchboard.callback.dialler.CallStatus;

/** The events callback-service publishes on {@code switchboard.callback-events}, keyed by confirmation code. */
public final class CallbackEvents {

    public static final String REQUESTED = "switchboard.callback.requested";
    public static final String STATUS_CHANGED = "switchboard.callback.status-changed";

    private CallbackEvents() {
    }

    /** Data of {@link #REQUESTED}: what a dialler needs to place the call. */
    public record Requested(String confirmationCode, long serviceQueue, int callType, String phoneNumber,
            String customerName, CallbackState state, OffsetDateTime scheduledFor, OffsetDateTime requestedAt) {
    }

    /** Data of {@link #STATUS_CHANGED}: a dialler reported progress. */
    public record StatusChanged(String confirmationCode, long serviceQueue, CallStatus status, CallbackState state,
            int retries, OffsetDateTime occurredAt) {
    }
}
