package io.switchboard.crm.activity;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import io.switchboard.common.problem.ProblemException;

/**
 * The Platform API's timestamps: ISO 8601 to the second with the offset of the tenant's zone
 * ({@code 2020-07-06T13:55:06+10:00}), as campaign-service writes them.
 */
public final class PlatformDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private PlatformDates() {
    }

    public static String format(OffsetDateTime t, ZoneId zone) {
        return t == null ? null : t.atZoneSameInstant(zone).format(FORMAT);
    }

    /**
     * Reads a filter bound: a date-time with an offset, a local date-time (in the tenant's zone), or a date (its first
     * second for a lower bound, its last for an upper one).
     */
    public static OffsetDateTime parse(String name, String value, ZoneId zone, boolean upper) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toOffsetDateTime();
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            LocalDate day = LocalDate.parse(v);
            return upper ? day.plusDays(1).atStartOfDay(zone).toOffsetDateTime().minusNanos(1)
                    : day.atStartOfDay(zone).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw ProblemException.badRequest(name + " must be an ISO 8601 date-time such as"
                    + " 2021-08-01T13:55:06+10:00 (or a date, read in the tenant's time zone).");
        }
    }
}
