package io.switchboard.callback.legacy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The request and response bodies of the legacy Buzzeasy Callback Service, with the seed's names. */
final class LegacyMessages {

    private LegacyMessages() {
    }

    /**
     * RequestCallWhenAvailable and RequestCallSchedule. Every value is read as text, so numbers may come as JSON
     * numbers or strings ("1"); absent values are null.
     */
    record CallRequest(String name, String phoneNo, String serviceQueue, String company, String password, String region,
            String field1, String field2, String field3, String field4, String field5, String field6, String field7,
            String field8, String field9, String field10, String timeslot, String date) {
    }

    /**
     * GetAvailableTimes and GetNextThreeTimeSlots. The seed's method header of GetNextThreeTimeSlots names the date
     * {@code time} while its example body says {@code requestedDate}: both are read.
     */
    record SlotRequest(String serviceQueue, String company, String password, String requestedDate, String time) {
    }

    /** ResponseMessage: no ConfirmationCode when the request failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "ConfirmationCode", "ResultCode" })
    record ResponseMessage(@JsonProperty("ConfirmationCode") String confirmationCode,
            @JsonProperty("ResultCode") int resultCode) {
    }

    /** TimeSlot, times as the seed documents them: {@code yyyy-MM-dd HH-mm-ss} in the queue's zone. */
    @JsonPropertyOrder({ "TimeSlotID", "TimeTo", "TimeFrom", "Available" })
    record TimeSlot(@JsonProperty("TimeSlotID") int timeSlotId, @JsonProperty("TimeTo") String timeTo,
            @JsonProperty("TimeFrom") String timeFrom, @JsonProperty("Available") boolean available) {
    }
}
