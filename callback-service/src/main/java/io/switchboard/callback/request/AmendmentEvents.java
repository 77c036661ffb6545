package io.switchboard.callback.request;

import java.time.OffsetDateTime;
import java.util.List;

import io.switchboard.callback.CallbackState;

/** Events of changes a customer makes after intake, on {@code switchboard.callback-events} keyed by code. */
public final class AmendmentEvents {

    public static final String AMENDED = "switchboard.callback.amended";
    public static final String CANCELLED = "switchboard.callback.cancelled";

    private AmendmentEvents() {
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
