package io.switchboard.crm.calllog;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A validated call log: the number in E.164, durations in seconds, times as instants. */
public record CallLog(UUID id, String tenantId, CallType callType, Direction direction, String phoneNumber, String name,
        String entityId, String entityType, String agentFirstName, String agentLastName, String agentEmail,
        Integer durationSeconds, Integer durationTimespanSeconds, OffsetDateTime startedAt, OffsetDateTime endedAt) {

    public enum CallType {
        Inbound, Outbound, Missed, Notanswered
    }

    public enum Direction {
        Inbound, Outbound
    }
}
