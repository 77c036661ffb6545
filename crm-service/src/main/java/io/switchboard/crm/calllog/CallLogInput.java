package io.switchboard.crm.calllog;

/** A SwitchTransact call log as sent (its field names), before validation. */
public record CallLogInput(String callType, String callDirection, String number, String name, String entityId,
        String entityType, String agentFirstName, String agentLastName, String agentEmail, String duration,
        String durationTimespan, String dateTime, String callStartTimeLocal, String callEndTimeLocal) {
}
