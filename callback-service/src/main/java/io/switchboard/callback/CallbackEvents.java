package io.switchboard.callback;

import java.time.OffsetDateTime;

import io.switchboard.callback.dialler.CallStatus;

/** The events callback-service publishes on {@code switchboard.callback-events}, keyed by confirmation code. */
public final class CallbackEvents {

    public static final String REQUESTED = "switchboard.callback.requested";
    public static final String STATUS_CHANGED = "switchboard.callback.status-changed";
    public static final String CLAIMED = "switchboard.callback.claimed";
    public static final String DUE = "switchboard.callback.due";

    private CallbackEvents() {
    }

    /** Data of {@link #REQUESTED}: what a dialler needs to place the call. */
    public record Requested(String confirmationCode, long serviceQueue, int callType, String phoneNumber,
            String customerName, CallbackState state, OffsetDateTime scheduledFor, OffsetDateTime requestedAt) {
    }

    /**
     * Data of {@link #STATUS_CHANGED}: a dialler reported progress, or the service rescheduled or failed the call.
     * {@code dueAt} is when a Rescheduled callback is due again; {@code attempt} is the call attempt it belongs to.
     */
    public record StatusChanged(String confirmationCode, long serviceQueue, CallStatus status, CallbackState state,
            int retries, OffsetDateTime occurredAt, OffsetDateTime dueAt, int attempt) {
    }

    /** Data of {@link #CLAIMED}: a dialler leased the callback for one call attempt. */
    public record Claimed(String confirmationCode, long serviceQueue, CallbackState state, int attempt,
            String leaseHolder, OffsetDateTime leaseExpiresAt, OffsetDateTime occurredAt) {
    }

    /**
     * Data of {@link #DUE}: a scheduled or rescheduled callback reached its due time, or a dialler's lease ran out, so
     * a dialler may claim it. {@code reason} is {@code scheduled}, {@code rescheduled} or {@code lease-expired}.
     */
    public record Due(String confirmationCode, long serviceQueue, int callType, String phoneNumber, String customerName,
            CallbackState state, OffsetDateTime dueAt, int attempt, String reason) {
    }
}
