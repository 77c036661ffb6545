package io.switchboard.crm.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import io.switchboard.crm.InvalidInputException;
import io.switchboard.crm.calllog.CallLog.CallType;
import io.switchboard.crm.calllog.CallLog.Direction;
import io.switchboard.crm.tenant.TenantSettings;

class CallLogParserTest {

    private static final TenantSettings LONDON = new TenantSettings("1", "GB", "Europe/London");

    private static CallLogInput input(String type, String direction, String dateTime, String start, String end,
            String duration) {
        return new CallLogInput(type, direction, "07400 123456", "James May", null, null, null, null, null, duration,
                null, dateTime, start, end);
    }

    @Test
    void shouldReadTheSeedsFormatsInTheTenantsZone() {
        CallLog log = CallLogParser.parse(input("Inbound", "Inbound", "24-07-26 14:05:09", null, null, "01:02:03"),
                LONDON);
        assertThat(log.phoneNumber()).isEqualTo("+447400123456");
        assertThat(log.startedAt()).isEqualTo(OffsetDateTime.parse("2026-07-24T14:05:09+01:00"));
        assertThat(log.durationSeconds()).isEqualTo(3723);
        assertThat(log.endedAt()).isEqualTo(OffsetDateTime.parse("2026-07-24T15:07:12+01:00"));
    }

    @Test
    void shouldEndOnTheNextDayWhenTheEndTimeIsBeforeTheStart() {
        CallLog log = CallLogParser.parse(input("Outbound", null, "31-12-26 23:58:00", "23:58:00", "00:03:00", null),
                LONDON);
        assertThat(log.direction()).isEqualTo(Direction.Outbound);
        assertThat(log.endedAt()).isEqualTo(OffsetDateTime.parse("2027-01-01T00:03:00Z"));
    }

    @Test
    void shouldMoveATimeInTheSpringGapForwardAndTakeTheEarlierOfARepeatedHour() {
        assertThat(
                CallLogParser.parse(input("Inbound", null, "29-03-26 01:30:00", null, null, null), LONDON).startedAt())
                        .isEqualTo(OffsetDateTime.parse("2026-03-29T02:30:00+01:00"));
        assertThat(
                CallLogParser.parse(input("Inbound", null, "25-10-26 01:30:00", null, null, null), LONDON).startedAt())
                        .isEqualTo(OffsetDateTime.parse("2026-10-25T01:30:00+01:00"));
    }

    @Test
    void shouldDeriveTheDirectionFromTheTypeAndAcceptAnyCase() {
        assertThat(
                CallLogParser.parse(input("missed", null, "01-01-26 10:00:00", null, null, null), LONDON).direction())
                        .isEqualTo(Direction.Inbound);
        CallLog notAnswered = CallLogParser.parse(input("NotAnswered", null, "01-01-26 10:00:00", null, null, null),
                LONDON);
        assertThat(notAnswered.callType()).isEqualTo(CallType.Notanswered);
        assertThat(notAnswered.direction()).isEqualTo(Direction.Outbound);
    }

    @Test
    void shouldNameTheFieldThatCannotBeRead() {
        assertField(input("Inbound", null, "2026-07-24 14:05:09", null, null, null), "DateTime");
        assertField(input("Inbound", null, "30-02-26 10:00:00", null, null, null), "DateTime");
        assertField(input("Inbound", null, "01-01-26 24:00:00", null, null, null), "DateTime");
        assertField(input("Inbound", null, "01-01-26 10:00:00", "9:00", null, null), "CallStartTimeLocal");
        assertField(input("Inbound", null, "01-01-26 10:00:00", null, "10:60:00", null), "CallEndTimeLocal");
        assertField(input("Inbound", null, "01-01-26 10:00:00", null, null, "00:00:60"), "Duration");
        assertField(input(null, null, "01-01-26 10:00:00", null, null, null), "CallType");
        assertField(input("Outbound", "Inbound", "01-01-26 10:00:00", null, null, null), "CallDirection");
    }

    private static void assertField(CallLogInput in, String field) {
        assertThatThrownBy(() -> CallLogParser.parse(in, LONDON)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(field + " ").extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo(field);
    }
}
