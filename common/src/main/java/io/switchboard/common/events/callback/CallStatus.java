package io.switchboard.common.events.callback;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The nine call statuses of the legacy event notification service, with their wire names. */
@RegisterForReflection
public enum CallStatus {
    CALLING_USER("CallingUser"), USER_CONNECTED("UserConnected"), CALLING_USER_FAILED("CallingUserFailed"),
    CALLING_AGENT("CallingAgent"), AGENT_CONNECTED("AgentConnected"), CALL_ACCEPTED("CallAccepted"),
    CALL_SUCCEEDED("CallSucceeded"), CALL_FAILED("CallFailed"), RESCHEDULED("Rescheduled");

    private final String wireName;

    CallStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Reads a wire name, ignoring case; null when it is none of the nine. */
    @JsonCreator
    public static CallStatus fromWireName(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(values()).filter(s -> s.wireName.equalsIgnoreCase(value.trim())).findFirst().orElse(null);
    }

    public static String allWireNames() {
        return String.join(", ", Arrays.stream(values()).map(CallStatus::wireName).toList());
    }
}
