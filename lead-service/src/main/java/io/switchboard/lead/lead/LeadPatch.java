package io.switchboard.lead.lead;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code PATCH /platform-api/v3.0/leads/{id}}: every field optional, absent or null leaves it as it is; an
 * empty string clears {@code customerKey}, {@code timezone}, {@code phone2}, {@code phone3},
 * {@code nextAttemptTimestamp}, {@code statusCode} or {@code agentId}. {@code leadData} is merged key by key (a key set
 * to null is removed). {@code isCompleted} only goes to true.
 */
public record LeadPatch(String listId, String customerKey, String timezone, String phone1, String phone2, String phone3,
        @JsonProperty("isCompleted") Boolean isCompleted, JsonNode leadData, String statusCode, String agentId,
        String nextAttemptTimestamp) {
}
