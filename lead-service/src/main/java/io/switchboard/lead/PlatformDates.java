package io.switchboard.lead;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The Platform API's timestamps: ISO 8601 to the second with the offset of a zone ({@code 2020-07-06T13:55:06+10:00}),
 * as campaign-service writes them. Filters and inputs accept ISO 8601 with an offset or {@code Z}; one without an
 * offset is read in the given zone.
 */
public final class PlatformDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private PlatformDates() {
    }

    public static String format(OffsetDateTime t, ZoneId zone) {
        return t == null ? null : t.atZoneSameInstant(zone).format(FORMAT);
    }

    /** @return the instant, or null when the text is not an ISO 8601 date-time */
    public static OffsetDateTime parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        if (t.length() > 19 && t.charAt(t.length() - 6) == ' ') {
            // "+10:00" sent unencoded in a query string arrives as " 10:00"
            t = t.substring(0, t.length() - 6) + '+' + t.substring(t.length() - 5);
        }
        try {
            return OffsetDateTime.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).atZone(zone).toOffsetDateTime();
            } catch (DateTimeException e2) {
                return null;
            }
        }
    }
}
