package io.switchboard.callback.request;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Dates as callers send them: the legacy service's {@code yyyy-MM-dd HH:mm:ss}, a plain {@code yyyy-MM-dd}, or ISO 8601
 * with or without an offset. Times without an offset are wall-clock times of the service queue's zone.
 */
public final class RequestDates {

    private static final DateTimeFormatter LEGACY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private RequestDates() {
    }

    /** The day named, or null when the value is none of the accepted forms. */
    public static LocalDate date(String value) {
        LocalDateTime dateTime = dateTime(value);
        return dateTime == null ? null : dateTime.toLocalDate();
    }

    /**
     * The local date and time named (midnight for a plain date), or null when unreadable or outside the years 1 to 9999
     * (ISO's extended years, such as {@code +999999999-12-31}, overflow the calendar arithmetic that follows).
     */
    public static LocalDateTime dateTime(String value) {
        LocalDateTime parsed = parse(value);
        return parsed == null || parsed.getYear() < 1 || parsed.getYear() > 9999 ? null : parsed;
    }

    private static LocalDateTime parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay();
            }
            if (text.length() > 10 && text.charAt(10) == ' ') {
                return LocalDateTime.parse(text, LEGACY);
            }
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeParseException withOffset) {
                return OffsetDateTime.parse(text).toLocalDateTime();
            }
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
