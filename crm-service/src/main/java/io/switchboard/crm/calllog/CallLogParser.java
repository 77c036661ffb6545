package io.switchboard.crm.calllog;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.common.phone.PhoneNumbers;
import io.switchboard.crm.InvalidInputException;
import io.switchboard.crm.calllog.CallLog.CallType;
import io.switchboard.crm.calllog.CallLog.Direction;
import io.switchboard.crm.tenant.TenantSettings;

/**
 * SwitchTransact's call-log rules. {@code DateTime} is {@code dd-mm-yy hh:mm:ss} (years 2000-2099), {@code Duration}
 * and {@code DurationTimespan} are {@code hh:mm:ss}, {@code CallStartTimeLocal} and {@code CallEndTimeLocal} are
 * {@code hh:mm:ss} on the day of {@code DateTime}; all local times are read in the tenant's zone (a time that falls in
 * a daylight-saving gap moves forward by the gap; one that occurs twice is the earlier). The call started at
 * {@code CallStartTimeLocal} when given, otherwise at {@code DateTime}; it ended at {@code CallEndTimeLocal} (the next
 * day when that is before the start), otherwise after {@code Duration}, otherwise the end is unknown.
 */
public final class CallLogParser {

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder().appendPattern("dd-MM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 2000).appendPattern(" HH:mm:ss").toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern CLOCK = Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})");
    private static final Pattern SPAN = Pattern.compile("(\\d{1,3}):(\\d{2}):(\\d{2})");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_TEXT = 255;

    private CallLogParser() {
    }

    /**
     * @throws InvalidInputException
     *             naming the first field that cannot be used
     */
    public static CallLog parse(CallLogInput in, TenantSettings settings) {
        CallType type = oneOf("CallType", in.callType(), CallType.values(), true);
        Direction direction = oneOf("CallDirection", in.callDirection(), Direction.values(), false);
        if (direction == null) {
            direction = type == CallType.Inbound || type == CallType.Missed ? Direction.Inbound : Direction.Outbound;
        } else if (type == CallType.Inbound && direction == Direction.Outbound
                || type == CallType.Outbound && direction == Direction.Inbound) {
            throw new InvalidInputException("CallDirection",
                    "CallDirection " + direction + " contradicts CallType " + type + ".");
        }
        if (in.number() == null || in.number().isBlank()) {
            throw new InvalidInputException("Number", "Number is required.");
        }
        String number = PhoneNumbers.toE164(in.number(), settings.defaultRegion())
                .orElseThrow(() -> new InvalidInputException("Number",
                        "Number is not a phone number that can be read (national numbers are read as "
                                + settings.defaultRegion() + " numbers)."));
        String agentEmail = text("AgentEmail", in.agentEmail());
        if (agentEmail != null && !EMAIL.matcher(agentEmail).matches()) {
            throw new InvalidInputException("AgentEmail", "AgentEmail is not an e-mail address.");
        }
        Integer duration = span("Duration", in.duration());
        Integer timespan = span("DurationTimespan", in.durationTimespan());
        if (in.dateTime() == null || in.dateTime().isBlank()) {
            throw new InvalidInputException("DateTime", "DateTime is required (dd-mm-yy hh:mm:ss).");
        }
        LocalDateTime when;
        try {
            when = LocalDateTime.parse(in.dateTime().trim(), DATE_TIME);
        } catch (DateTimeException e) {
            throw new InvalidInputException("DateTime",
                    "DateTime must be a date and time as dd-mm-yy hh:mm:ss, e.g. 24-11-26 14:05:09.");
        }
        LocalTime startClock = clock("CallStartTimeLocal", in.callStartTimeLocal());
        LocalTime endClock = clock("CallEndTimeLocal", in.callEndTimeLocal());
        ZoneId zone = settings.zone();
        LocalDate day = when.toLocalDate();
        OffsetDateTime start = (startClock == null ? when : day.atTime(startClock)).atZone(zone).toOffsetDateTime();
        OffsetDateTime end = null;
        if (endClock != null) {
            LocalDateTime endLocal = day.atTime(endClock);
            if (endLocal.isBefore(start.atZoneSameInstant(zone).toLocalDateTime())) {
                endLocal = endLocal.plusDays(1);
            }
            end = endLocal.atZone(zone).toOffsetDateTime();
        } else if (duration != null) {
            end = start.plusSeconds(duration);
        }
        return new CallLog(UUID.randomUUID(), settings.tenantId(), type, direction, number, text("Name", in.name()),
                text("EntityId", in.entityId()), text("EntityType", in.entityType()),
                text("AgentFirstName", in.agentFirstName()), text("AgentLastName", in.agentLastName()), agentEmail,
                duration, timespan, start, end);
    }

    private static <E extends Enum<E>> E oneOf(String field, String value, E[] values, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidInputException(field, field + " is required: one of " + names(values) + ".");
            }
            return null;
        }
        String compact = value.replaceAll("[\\s_-]", "");
        for (E e : values) {
            if (e.name().equalsIgnoreCase(compact)) {
                return e;
            }
        }
        throw new InvalidInputException(field, field + " must be one of " + names(values) + ".");
    }

    private static String names(Enum<?>[] values) {
        return String.join(", ", Arrays.stream(values).map(Enum::name).toList());
    }

    private static Integer span(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = SPAN.matcher(value.trim());
        if (!m.matches() || Integer.parseInt(m.group(2)) > 59 || Integer.parseInt(m.group(3)) > 59) {
            throw new InvalidInputException(field, field + " must be a duration as hh:mm:ss, e.g. 00:04:31.");
        }
        return Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3));
    }

    private static LocalTime clock(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = CLOCK.matcher(value.trim());
        try {
            if (m.matches()) {
                return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
        } catch (DateTimeException e) {
            // falls through to the error below
        }
        throw new InvalidInputException(field, field + " must be a local time as hh:mm:ss, e.g. 14:05:09.");
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_TEXT) {
            throw new InvalidInputException(field, field + " is at most " + MAX_TEXT + " characters.");
        }
        return trimmed;
    }
}
