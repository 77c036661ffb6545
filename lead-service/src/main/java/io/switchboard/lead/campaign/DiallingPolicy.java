package io.switchboard.lead.campaign;

import java.time.LocalTime;
import java.util.List;

import io.switchboard.lead.LeadConfig;

/**
 * How a campaign dials its leads: the calling window (in each lead's own time zone), when a lead is due again after an
 * attempt, and when it is complete.
 *
 * @param windowStart
 *            first local time a lead may be called
 * @param windowEnd
 *            local time from which it may not (a window may span midnight: 20:00-02:00)
 * @param retryMinutes
 *            delay before the next attempt after one that did not complete the lead
 * @param maxAttempts
 *            attempts after which the lead is complete
 * @param completingStatuses
 *            dial status ids that complete the lead
 * @param outcomeType
 *            the leads' {@code outcomeType} (dialling mode, e.g. {@code preview})
 */
public record DiallingPolicy(LocalTime windowStart, LocalTime windowEnd, int retryMinutes, int maxAttempts,
        List<Integer> completingStatuses, String outcomeType) {

    public static DiallingPolicy defaults(LeadConfig.Dialling d) {
        return new DiallingPolicy(d.windowStart(), d.windowEnd(), d.retryMinutes(), d.maxAttempts(),
                List.copyOf(d.completingStatuses()), d.outcomeType());
    }

    /** Whether an attempt with this status, being the lead's {@code attempts}-th, completes it. */
    public boolean completes(int dialStatusId, int attempts) {
        return completingStatuses.contains(dialStatusId) || attempts >= maxAttempts;
    }

    /** Whether a local time lies in the window (start inclusive, end exclusive). */
    public boolean inWindow(LocalTime local) {
        if (!windowStart.isAfter(windowEnd)) {
            return !local.isBefore(windowStart) && local.isBefore(windowEnd);
        }
        return !local.isBefore(windowStart) || local.isBefore(windowEnd);
    }
}
