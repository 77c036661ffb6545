package io.switchboard.callback;

/** Where a callback stands. PENDING and SCHEDULED wait for a dialler; the last three are terminal. */
public enum CallbackState {
    /** Call when available (callType 1): due as soon as it is accepted. */
    PENDING,
    /** Scheduled into a timeslot (callType 2): due when the slot starts. */
    SCHEDULED,
    /** A dialler is working on it. */
    IN_PROGRESS,
    /** The customer could not be reached; due again later. */
    RESCHEDULED, SUCCEEDED, FAILED, CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
