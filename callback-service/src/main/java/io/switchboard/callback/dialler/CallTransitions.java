package io.switchboard.callback.dialler;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.switchboard.callback.Callback;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackState;

/**
 * Which status a dialler may report next, from the meaning of each status in the legacy notification service: one call
 * attempt runs CallingUser → UserConnected → CallingAgent → AgentConnected → (CallAccepted) → CallSucceeded; the user
 * may not answer (CallingUserFailed) and any live call may fail (CallFailed). Rescheduled is the service's own answer
 * to CallingUserFailed, never a dialler's report.
 */
public final class CallTransitions {

    private static final Set<CallStatus> AT_ATTEMPT_START = EnumSet.of(CallStatus.CALLING_USER, CallStatus.CALL_FAILED);

    private static final Map<CallStatus, Set<CallStatus>> AFTER = Map.of(CallStatus.CALLING_USER,
            EnumSet.of(CallStatus.USER_CONNECTED, CallStatus.CALLING_USER_FAILED, CallStatus.CALL_FAILED),
            CallStatus.USER_CONNECTED, EnumSet.of(CallStatus.CALLING_AGENT, CallStatus.CALL_FAILED),
            CallStatus.CALLING_AGENT, EnumSet.of(CallStatus.AGENT_CONNECTED, CallStatus.CALL_FAILED),
            CallStatus.AGENT_CONNECTED,
            EnumSet.of(CallStatus.CALL_ACCEPTED, CallStatus.CALL_SUCCEEDED, CallStatus.CALL_FAILED),
            CallStatus.CALL_ACCEPTED, EnumSet.of(CallStatus.CALL_SUCCEEDED, CallStatus.CALL_FAILED));

    private CallTransitions() {
    }

    /** The statuses a dialler may report for the callback as it stands; empty when it takes none. */
    public static Set<CallStatus> allowedAfter(Callback callback) {
        if (callback.state.isTerminal()) {
            return Set.of();
        }
        if (callback.state != CallbackState.IN_PROGRESS || callback.lastCallStatus == null) {
            // waiting, claimed or re-claimed after a lapsed lease: a new attempt starts
            return AT_ATTEMPT_START;
        }
        return AFTER.getOrDefault(callback.lastCallStatus, Set.of());
    }

    /** True when the report repeats the status the callback already has (a dialler retrying its request). */
    public static boolean isRepeat(Callback callback, CallStatus status) {
        return status == callback.lastCallStatus && status != CallStatus.CALLING_USER_FAILED
                && status != CallStatus.RESCHEDULED
                && (callback.state == CallbackState.IN_PROGRESS || callback.state.isTerminal());
    }
}
