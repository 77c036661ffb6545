package io.switchboard.lead.lead;

import java.time.OffsetDateTime;

/**
 * A lead that passed {@link LeadRules}: phones in E.164 (null where absent), its list's campaign resolved, its data as
 * JSON text.
 */
public record NewLead(long listId, long campaignId, String customerKey, String timeZone, String phone1, String phone2,
        String phone3, OffsetDateTime nextAttemptAt, String leadData, Integer statusCode, Long agentId) {

    public String phone(int index) {
        return switch (index) {
            case 1 -> phone1;
            case 2 -> phone2;
            case 3 -> phone3;
            default -> null;
        };
    }

    public boolean hasPhone() {
        return phone1 != null || phone2 != null || phone3 != null;
    }
}
