package io.switchboard.common.events.callback;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a callback stands (part of the callback events' contract). PENDING and SCHEDULED wait for a dialler; the last
 * three are terminal.
 */
@RegisterForReflection
public enum CallbackState {
    /** Call when available (callType 1): due as soon as it is accepted. */
    PENDING,
    /** Scheduled into a timeslot (callType 2): due when the slot starts. */
    SCHEDULED,
    /** A dialler is working on it. */
    IN_PROGRESS,
    /** The customer could not be reached; due again later. */
    RESCHEDULED, SUCCEEDED, FAILED, CANCELLED,
    /** Leased to one dialler that is about to call; due again when the lease runs out. */
    CLAIMED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
