package io.switchboard.callback;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.switchboard.common.events.callback.CallbackState;

/**
 * The named sets of {@link CallbackState} that Java and SQL both use, so a rule such as "claimable" is written once:
 * {@link #in(Set)} renders a set as an SQL {@code IN} list, and the partial indexes of the migrations use the same
 * lists.
 */
public final class CallbackStates {

    /** Waiting for a dialler: the customer may still amend or cancel. */
    public static final Set<CallbackState> WAITING = EnumSet.of(CallbackState.PENDING, CallbackState.SCHEDULED,
            CallbackState.RESCHEDULED);
    /** Leased to a dialler (claimed, or a call in progress). */
    public static final Set<CallbackState> LEASED = EnumSet.of(CallbackState.CLAIMED, CallbackState.IN_PROGRESS);
    /** Finished: no call is made any more, the PIN and the number are free again. */
    public static final Set<CallbackState> FINISHED = EnumSet.of(CallbackState.SUCCEEDED, CallbackState.FAILED,
            CallbackState.CANCELLED);
    /** Ameyo's "scheduled callbacks": waiting, or claimed by a dialler that has not started. */
    public static final Set<CallbackState> SCHEDULED_FOR_AMEYO = EnumSet.of(CallbackState.PENDING,
            CallbackState.SCHEDULED, CallbackState.RESCHEDULED, CallbackState.CLAIMED);

    private CallbackStates() {
    }

    /** {@code ('A', 'B')}: the set as an SQL list of state names. */
    public static String in(Set<CallbackState> states) {
        return states.stream().map(s -> "'" + s.name() + "'").sorted().collect(Collectors.joining(", ", "(", ")"));
    }

    /**
     * Due for a dialler: waiting and its due time has come, or leased but the lease ran out (the dialler vanished).
     *
     * @param now
     *            the SQL parameter or expression holding "now", e.g. {@code $3}
     */
    public static String claimable(String now) {
        return "(state IN " + in(WAITING) + " AND due_at <= " + now + ") OR (state IN " + in(LEASED)
                + " AND lease_expires_at <= " + now + ")";
    }
}
