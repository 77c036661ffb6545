package io.switchboard.campaign.platform;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The Platform API's timestamps: ISO 8601 to the second with the offset of the campaign's zone. */
final class PlatformDates {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private PlatformDates() {
    }

    static String format(OffsetDateTime t, ZoneId zone) {
        return t == null ? null : t.atZoneSameInstant(zone).format(FORMAT);
    }
}
