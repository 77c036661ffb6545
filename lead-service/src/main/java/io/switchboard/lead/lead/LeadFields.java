package io.switchboard.lead.lead;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A lead as a client sends it, before validation: the body of {@code POST /platform-api/v3.0/leads}, one element of a
 * bulk import's {@code leads}, one row of a CSV import. Numbers arrive as text or as JSON numbers ({@code "listId": 5}
 * and {@code "listId": "5"} are the same); {@link LeadRules} reads and checks every field.
 *
 * @param leadData
 *            a JSON object of the customer's own fields (the lead's {@code dataFields})
 */
public record LeadFields(String listId, String customerKey, String timezone, String phone1, String phone2,
        String phone3, String nextAttemptTimestamp, JsonNode leadData, String statusCode, String agentId) {
}
