package io.switchboard.callback.legacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/** The seed's four callback methods: each example body verbatim, then every result code and status they answer. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class LegacyCallbackResourceTest {

    private static final String BASE = "/RequestCallbackService/Service.svc/rest/";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String CODE = "[A-HJ-NP-Z2-9]{10}";
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}-\\d{2}-\\d{2}";
    private static final DateTimeFormatter LEGACY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH-mm-ss");

    // The seed's example bodies, exactly as documented.
    private static final String CALL_WHEN_AVAILABLE_EXAMPLE = """
            {
            "name":"User",
            "phoneNo":"+4477794531150",
            "serviceQueue":"1",
            "company":"1",
            "password":"Password",
            "field1":"test"
            }""";
    private static final String GET_AVAILABLE_TIMES_EXAMPLE = """
            {
            "serviceQueue": "1",
            "requestedDate": "2017-04-11 09:00:00",
            "company": "1",
            "password": "P@ssword"
            }""";
    private static final String GET_NEXT_THREE_EXAMPLE = """
            {
            "serviceQueue":"1",
            "requestedDate":"2017-04-11 09:00:00",
            "company":"1",
            "password":"P@ssword"
            }""";
    private static final String CALL_SCHEDULE_EXAMPLE = """
            {
            "name":"User",
            "phoneNo":"+4477794531150",
            "serviceQueue":"1",
            "company":"1",
            "password":"Password",
            "field1":"test",
            "date":"2017-04-11 00:00:00",
            "timeslot":"1"
            }""";

    private static boolean queuesReady;

    @Inject
    Pool pool;

    @BeforeEach
    void company() {
        if (queuesReady) {
            return;
        }
        LegacyFixtures.credential(pool, "1", LegacyFixtures.PASSWORD);
        LegacyFixtures.queue("1", 1, "{\"id\": 1, \"name\": \"Support\", \"timeZone\": \"Europe/London\","
                + " \"timeslots\": {\"lengthMinutes\": 30, \"capacity\": 5}}");
        LegacyFixtures.queue("1", 2,
                "{\"id\": 2, \"name\": \"Sales\", \"timeZone\": \"Europe/London\"," + " \"openingHours\": []}");
        LegacyFixtures.queue("1", 3,
                "{\"id\": 3, \"name\": \"VIP\", \"timeZone\": \"Europe/London\"," + " \"whiteList\": [\"+44740*\"]}");
        LegacyFixtures.queue("1", 4, "{\"id\": 4, \"name\": \"Screened\", \"timeZone\": \"Europe/London\","
                + " \"blackList\": [\"+447400666666\"]}");
        LegacyFixtures.queue("1", 5,
                "{\"id\": 5, \"name\": \"Mondays\", \"timeZone\": \"Europe/London\","
                        + " \"openingHours\": [{\"day\": \"MONDAY\", \"from\": \"09:00\", \"to\": \"10:00\"}],"
                        + " \"timeslots\": {\"lengthMinutes\": 30, \"capacity\": 1}}");
        queuesReady = true;
    }

    private static ValidatableResponse call(String method, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(BASE + method).then();
    }

    private static String with(String body, String from, String to) {
        assertThat(body).contains(from);
        return body.replace(from, to);
    }

    private static void result(ValidatableResponse response, int code) {
        response.statusCode(200).contentType(ContentType.JSON).body("ResultCode", equalTo(code))
                .body("$", not(hasKey("ConfirmationCode"))).body("$", aMapWithSize(1));
    }

    private static String callWhenAvailable(String number, int queue) {
        return "{\"name\": \"Ada\", \"phoneNo\": \"" + number + "\", \"serviceQueue\": \"" + queue
                + "\", \"company\": \"1\", \"password\": \"P@ssword\"}";
    }

    private static String schedule(String number, int queue, Object date, int slot) {
        return "{\"name\": \"Ada\", \"phoneNo\": \"" + number + "\", \"serviceQueue\": \"" + queue
                + "\", \"company\": \"1\", \"password\": \"P@ssword\", \"date\": \"" + date + " 00:00:00\","
                + " \"timeslot\": \"" + slot + "\"}";
    }

    /** The example with the company's password and a valid UK mobile number (the example's has a digit too many). */
    private static String validNumber(String example) {
        return with(with(example, "\"Password\"", "\"P@ssword\""), "+4477794531150", "+447779453115");
    }

    @Test
    void requestCallWhenAvailableExampleFailsAuthenticationWithItsPasswordAndSucceedsWithTheCompanys() {
        result(call("RequestCallWhenAvailable", CALL_WHEN_AVAILABLE_EXAMPLE), -1);
        // The example's own number has one digit too many for a UK mobile: refused as invalid, like any such number.
        result(call("RequestCallWhenAvailable", with(CALL_WHEN_AVAILABLE_EXAMPLE, "\"Password\"", "\"P@ssword\"")), 1);

        String code = call("RequestCallWhenAvailable", validNumber(CALL_WHEN_AVAILABLE_EXAMPLE)).statusCode(200)
                .body("ResultCode", equalTo(0)).body("ConfirmationCode", matchesPattern(CODE)).extract()
                .path("ConfirmationCode");
        given().auth().oauth2(TestTokens.token("1", "buzzeasy.callback")).when().get("/api/v1/callbacks/{code}", code)
                .then().statusCode(200).body("name", equalTo("User")).body("phoneNo", equalTo("+447779453115"))
                .body("serviceQueue", equalTo(1)).body("callType", equalTo(1)).body("fields", equalTo(List.of("test")))
                .body("state", equalTo("PENDING"));
        // The same number again while it waits: the same confirmation code, no second call.
        call("RequestCallWhenAvailable", validNumber(CALL_WHEN_AVAILABLE_EXAMPLE)).statusCode(200)
                .body("ConfirmationCode", equalTo(code)).body("ResultCode", equalTo(0));
    }

    @Test
    void getAvailableTimesExampleOffersNothingOnADayThatIsPast() {
        call("GetAvailableTimes", GET_AVAILABLE_TIMES_EXAMPLE).statusCode(200).contentType(ContentType.JSON).body("$",
                equalTo(List.of()));
    }

    @Test
    void getNextThreeTimeSlotsExampleOffersTheNextThreeSlotsFromNow() {
        List<Map<String, Object>> slots = call("GetNextThreeTimeSlots", GET_NEXT_THREE_EXAMPLE).statusCode(200)
                .body("size()", equalTo(3)).body("Available", everyItem(equalTo(true)))
                .body("TimeFrom", everyItem(matchesPattern(TIME))).body("TimeTo", everyItem(matchesPattern(TIME)))
                .extract().path("$");
        LocalDateTime now = LocalDateTime.now(LONDON);
        LocalDateTime first = LocalDateTime.parse((String) slots.get(0).get("TimeFrom"), LEGACY_TIME);
        assertThat(first).isAfter(now).isBefore(now.plusMinutes(31));
        for (int i = 0; i < 3; i++) {
            LocalDateTime from = LocalDateTime.parse((String) slots.get(i).get("TimeFrom"), LEGACY_TIME);
            assertThat(LocalDateTime.parse((String) slots.get(i).get("TimeTo"), LEGACY_TIME))
                    .isEqualTo(from.plusMinutes(30));
            assertThat(slots.get(i).get("TimeSlotID")).isEqualTo((from.getHour() * 60 + from.getMinute()) / 30 + 1);
        }
        // The method header names the date "time": accepted as well.
        call("GetNextThreeTimeSlots", with(GET_NEXT_THREE_EXAMPLE, "requestedDate", "time")).statusCode(200)
                .body("size()", equalTo(3)).body("[0].TimeFrom", equalTo(slots.get(0).get("TimeFrom")));
    }

    @Test
    void shouldRefuseADateBeyondTheCalendarAsInvalidNotAsUnavailable() {
        call("GetNextThreeTimeSlots",
                "{\"serviceQueue\": \"1\", \"requestedDate\": \"+999999999-12-31T10:00:00\","
                        + " \"company\": \"1\", \"password\": \"P@ssword\"}").statusCode(400).body("ResultCode",
                                equalTo(1));
    }

    @Test
    void requestCallScheduleExampleFailsAuthenticationAndItsPastSlotIsOutOfHours() {
        result(call("RequestCallSchedule", CALL_SCHEDULE_EXAMPLE), -1);
        result(call("RequestCallSchedule", with(CALL_SCHEDULE_EXAMPLE, "\"Password\"", "\"P@ssword\"")), 1);
        result(call("RequestCallSchedule", validNumber(CALL_SCHEDULE_EXAMPLE)), 3);
    }

    @Test
    void shouldScheduleIntoAFutureSlotAndNeverOfferItOnceFull() {
        LocalDate monday = LocalDate.now(LONDON).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        String code = call("RequestCallSchedule", schedule("+447400200001", 5, monday, 19)).statusCode(200)
                .body("ResultCode", equalTo(0)).body("ConfirmationCode", matchesPattern(CODE)).extract()
                .path("ConfirmationCode");
        given().auth().oauth2(TestTokens.token("1", "buzzeasy.callback")).when().get("/api/v1/callbacks/{code}", code)
                .then().body("state", equalTo("SCHEDULED")).body("timeslot", equalTo(19));
        // Capacity 1: the slot is full now, and closed slots (10:00 on Monday, any Tuesday) are out of hours too.
        result(call("RequestCallSchedule", schedule("+447400200002", 5, monday, 19)), 3);
        result(call("RequestCallSchedule", schedule("+447400200002", 5, monday, 21)), 3);
        result(call("RequestCallSchedule", schedule("+447400200002", 5, monday.plusDays(1), 19)), 3);

        String mondayText = monday.toString();
        call("GetAvailableTimes",
                "{\"serviceQueue\": 5, \"requestedDate\": \"" + mondayText
                        + " 00:00:00\", \"company\": 1, \"password\": \"P@ssword\"}").statusCode(200)
                                .body("TimeSlotID", equalTo(List.of(20)))
                                .body("[0].TimeFrom", equalTo(mondayText + " 09-30-00"))
                                .body("[0].TimeTo", equalTo(mondayText + " 10-00-00"))
                                .body("[0].Available", equalTo(true));
        // Only one free slot a week: the next three run into the following Mondays.
        call("GetNextThreeTimeSlots",
                "{\"serviceQueue\": \"5\", \"requestedDate\": \"" + mondayText
                        + " 00:00:00\", \"company\": \"1\", \"password\": \"P@ssword\"}").statusCode(200)
                                .body("TimeSlotID", equalTo(List.of(20, 19, 20)))
                                .body("TimeFrom", equalTo(List.of(mondayText + " 09-30-00",
                                        monday.plusWeeks(1) + " 09-00-00", monday.plusWeeks(1) + " 09-30-00")));
    }

    @Test
    void shouldListTheSlotsOfTheDaysTheClocksChangeWithoutAMissingOrRepeatedHour() {
        call("GetAvailableTimes",
                "{\"serviceQueue\": \"1\", \"requestedDate\": \"2027-03-28 00:00:00\","
                        + " \"company\": \"1\", \"password\": \"P@ssword\"}").statusCode(200)
                                .body("size()", equalTo(46)).body("[1].TimeSlotID", equalTo(2))
                                .body("[1].TimeFrom", equalTo("2027-03-28 00-30-00"))
                                .body("[1].TimeTo", equalTo("2027-03-28 02-00-00")).body("[2].TimeSlotID", equalTo(5))
                                .body("[2].TimeFrom", equalTo("2027-03-28 02-00-00"))
                                .body("[2].TimeTo", equalTo("2027-03-28 02-30-00"));
        List<Integer> ids = call("GetAvailableTimes",
                "{\"serviceQueue\": \"1\", \"requestedDate\":"
                        + " \"2027-10-31 00:00:00\", \"company\": \"1\", \"password\": \"P@ssword\"}").statusCode(200)
                                .body("size()", equalTo(48)).body("[3].TimeSlotID", equalTo(4))
                                .body("[3].TimeFrom", equalTo("2027-10-31 01-30-00"))
                                .body("[3].TimeTo", equalTo("2027-10-31 02-00-00"))
                                .body("[4].TimeFrom", equalTo("2027-10-31 02-00-00")).extract().path("TimeSlotID");
        assertThat(ids).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void shouldAnswerEachResultCodeOfTheSeed() {
        result(call("RequestCallWhenAvailable", callWhenAvailable("12345", 1)), 1);
        result(call("RequestCallWhenAvailable", callWhenAvailable("07400 200003", 1)), 1);
        call("RequestCallWhenAvailable", callWhenAvailable("07400 200003\", \"region\": \"GB", 1)).statusCode(200)
                .body("ResultCode", equalTo(0)).body("ConfirmationCode", matchesPattern(CODE));
        result(call("RequestCallWhenAvailable", callWhenAvailable("+447400200004", 2)), 3);
        result(call("RequestCallWhenAvailable", callWhenAvailable("+447911123456", 3)), 4);
        call("RequestCallWhenAvailable", callWhenAvailable("+447400200005", 3)).statusCode(200).body("ResultCode",
                equalTo(0));
        result(call("RequestCallWhenAvailable", callWhenAvailable("+447400666666", 4)), 5);
        result(call("RequestCallWhenAvailable", callWhenAvailable("+447400200006", 99)), -1);
    }

    @Test
    void shouldReadNamesIgnoringCaseAndNumbersAsNumbersOrStrings() {
        call("RequestCallWhenAvailable",
                "{\"NAME\": \"Ada\", \"PhoneNo\": \"+447400200007\", \"SERVICEQUEUE\": 1,"
                        + " \"Company\": 1, \"PASSWORD\": \"P@ssword\", \"Field2\": \"second\"}").statusCode(200)
                                .body("ResultCode", equalTo(0));
    }

    @Test
    void shouldAnswerResultCode1ForARequestItCannotRead() {
        result(call("RequestCallWhenAvailable", "{not json"), 1);
        result(call("RequestCallWhenAvailable", ""), 1);
        result(call("RequestCallWhenAvailable", "{\"serviceQueue\": \"one\", \"phoneNo\": \"+447400200008\","
                + " \"company\": \"1\", \"password\": \"P@ssword\"}"), 1);
        result(call("RequestCallWhenAvailable",
                "{\"phoneNo\": \"+447400200008\", \"company\": \"1\"," + " \"password\": \"P@ssword\"}"), 1);
        result(call("RequestCallSchedule", schedule("+447400200008", 1, "2027-13-45", 1)), 1);
        result(call("RequestCallSchedule", "{\"phoneNo\": \"+447400200008\", \"serviceQueue\": \"1\","
                + " \"company\": \"1\", \"password\": \"P@ssword\"}"), 1);
        call("GetAvailableTimes", "{\"serviceQueue\": \"1\", \"requestedDate\": \"someday\", \"company\": \"1\","
                + " \"password\": \"P@ssword\"}").statusCode(400).body("ResultCode", equalTo(1));
        call("GetNextThreeTimeSlots", "[]").statusCode(400).body("ResultCode", equalTo(1));
    }

    @Test
    void shouldAnswerResultCodeMinus1ForBadCredentialsOrAQueueOfAnotherCompany() {
        result(call("RequestCallWhenAvailable", "{\"phoneNo\": \"+447400200009\", \"serviceQueue\": \"1\","
                + " \"company\": \"1\", \"password\": \"wrong\"}"), -1);
        result(call("RequestCallWhenAvailable", "{\"phoneNo\": \"+447400200009\", \"serviceQueue\": \"1\","
                + " \"company\": \"424242\", \"password\": \"P@ssword\"}"), -1);
        result(call("RequestCallWhenAvailable", "{\"phoneNo\": \"+447400200009\", \"serviceQueue\": \"1\"}"), -1);
        call("GetAvailableTimes", with(GET_AVAILABLE_TIMES_EXAMPLE, "P@ssword", "wrong")).statusCode(401)
                .body("ResultCode", equalTo(-1));
        call("GetNextThreeTimeSlots", with(GET_NEXT_THREE_EXAMPLE, "\"serviceQueue\":\"1\"", "\"serviceQueue\":\"77\""))
                .statusCode(401).body("ResultCode", equalTo(-1));
    }
}
