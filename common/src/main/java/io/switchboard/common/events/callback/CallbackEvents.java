package io.switchboard.common.events.callback;

import java.time.OffsetDateTime;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * The events callback-service publishes on {@code switchboard.callback-events}, keyed by confirmation code so that one
 * callback's events stay in order; the subject is the confirmation code.
 */
@RegisterForReflection
public final class CallbackEvents {

    /** A callback was accepted: what a dialler needs to place the call. */
    public static final EventType<Requested> REQUESTED = EventType.of(Topics.CALLBACK_EVENTS,
            "switchboard.callback.requested", Requested.class);
    /** A dialler reported progress, or the service rescheduled or failed the call. */
    public static final EventType<StatusChanged> STATUS_CHANGED = EventType.of(Topics.CALLBACK_EVENTS,
            "switchboard.callback.status-changed", StatusChanged.class);
    /** A dialler leased the callback for one call attempt. */
    public static final EventType<Claimed> CLAIMED = EventType.of(Topics.CALLBACK_EVENTS,
            "switchboard.callback.claimed", Claimed.class);
    /** A scheduled or rescheduled callback reached its due time, or a lease ran out. */
    public static final EventType<Due> DUE = EventType.of(Topics.CALLBACK_EVENTS, "switchboard.callback.due",
            Due.class);
    /** The customer changed the callback after intake. */
    public static final EventType<Amended> AMENDED = EventType.of(Topics.CALLBACK_EVENTS,
            "switchboard.callback.amended", Amended.class);
    /** The customer (or an integrator) cancelled the callback. */
    public static final EventType<Cancelled> CANCELLED = EventType.of(Topics.CALLBACK_EVENTS,
            "switchboard.callback.cancelled", Cancelled.class);

    private CallbackEvents() {
    }

    /** Data of {@link #REQUESTED}. */
    public record Requested(String confirmationCode, long serviceQueue, int callType, String phoneNumber,
            String customerName, CallbackState state, OffsetDateTime scheduledFor, OffsetDateTime requestedAt) {
    }

    /**
     * Data of {@link #STATUS_CHANGED}. {@code dueAt} is when a Rescheduled callback is due again; {@code attempt} is
     * the call attempt it belongs to.
     */
    public record StatusChanged(String confirmationCode, long serviceQueue, CallStatus status, CallbackState state,
            int retries, OffsetDateTime occurredAt, OffsetDateTime dueAt, int attempt) {
    }

    /** Data of {@link #CLAIMED}. */
    public record Claimed(String confirmationCode, long serviceQueue, CallbackState state, int attempt,
            String leaseHolder, OffsetDateTime leaseExpiresAt, OffsetDateTime occurredAt) {
    }

    /** Data of {@link #DUE}; {@code reason} is {@code scheduled}, {@code rescheduled} or {@code lease-expired}. */
    public record Due(String confirmationCode, long serviceQueue, int callType, String phoneNumber, String customerName,
            CallbackState state, OffsetDateTime dueAt, int attempt, String reason) {
    }

    /** Data of {@link #AMENDED}: the callback as it is after the change. */
    public record Amended(String confirmationCode, long serviceQueue, int callType, String phoneNumber,
            String customerName, List<String> fields, Integer timeslot, OffsetDateTime scheduledFor,
            OffsetDateTime dueAt, CallbackState state, OffsetDateTime occurredAt) {
    }

    /** Data of {@link #CANCELLED}. */
    public record Cancelled(String confirmationCode, long serviceQueue, CallbackState state,
            OffsetDateTime occurredAt) {
    }
}
