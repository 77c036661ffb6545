package io.switchboard.lead.lead;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.lead.PlatformDates;
import io.switchboard.lead.campaign.DiallingPolicy;

/**
 * A lead as the Platform API shows it ({@code GET /platform-api/v3.0/leads/{leadId}}), every field of the seed's
 * sample. Times are in the lead's own zone (its campaign's when it has none).
 *
 * @param timezone
 *            the zone the lead is dialled in: its own, else its campaign's
 * @param dataFields
 *            the lead's {@code leadData}
 * @param outcomeType
 *            how its campaign dials ({@code preview} unless the campaign's policy says otherwise)
 */
public record LeadView(long leadId, long campaignId, String campaignName, long listId, String listName, String timezone,
        boolean completed, String customerKey, Long agentId, String agentFullName, JsonNode dataFields,
        Integer lastStatusCode, String lastStatusDescription, List<Phone> phones, String outcomeType,
        OutcomesInfo outcomesInfo, Timestamps timestamps) {

    /** One of the lead's numbers; {@code phoneIndex} is what a dialler attempt names. */
    public record Phone(int phoneIndex, String phoneNumber) {
    }

    /**
     * @param attempts
     *            attempts made so far
     * @param maxAttempts
     *            attempts after which the campaign's policy completes the lead
     * @param lastAttemptId
     *            the latest attempt ({@code GET /platform-api/v3.0/dialler/{attemptId}}), null before the first
     * @param lastActivityId
     *            that attempt's platform-wide activity id
     */
    public record OutcomesInfo(int attempts, int maxAttempts, Long lastAttemptId, Long lastActivityId) {
    }

    public record Timestamps(String uploadedTimestamp, String updatedTimestamp, String nextAttemptTimestamp,
            String lastAttemptTimestamp, String completedTimestamp) {
    }

    public static LeadView of(Lead l, DiallingPolicy defaults, ObjectMapper mapper) {
        ZoneId zone = ZoneId.of(l.displayZone());
        List<Phone> phones = new ArrayList<>(3);
        for (int i = 1; i <= 3; i++) {
            if (l.phone(i) != null) {
                phones.add(new Phone(i, l.phone(i)));
            }
        }
        JsonNode data;
        try {
            data = mapper.readTree(l.leadData() == null ? "{}" : l.leadData());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored lead's data is not JSON", e);
        }
        return new LeadView(l.id(), l.campaignId(), l.campaignName(), l.listId(), l.listName(), l.displayZone(),
                l.completed(), l.customerKey(), l.agentId(), l.agentName(), data, l.statusCode(), l.statusDescription(),
                phones, l.outcomeType() != null ? l.outcomeType() : defaults.outcomeType(),
                new OutcomesInfo(l.attempts(), l.maxAttempts() != null ? l.maxAttempts() : defaults.maxAttempts(),
                        l.lastAttemptId(), l.lastActivityId()),
                new Timestamps(PlatformDates.format(l.createdAt(), zone), PlatformDates.format(l.updatedAt(), zone),
                        PlatformDates.format(l.nextAttemptAt(), zone), PlatformDates.format(l.lastAttemptAt(), zone),
                        PlatformDates.format(l.completedAt(), zone)));
    }
}
