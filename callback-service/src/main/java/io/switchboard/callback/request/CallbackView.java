package io.switchboard.callback.request;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.switchboard.callback.Callback;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackState;

/** A callback as the modern API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackView(String confirmationCode, String name, String phoneNo, long serviceQueue, int callType,
        List<String> fields, Integer timeslot, OffsetDateTime scheduledFor, CallbackState state, CallStatus status,
        int retries, OffsetDateTime dueAt, String pin, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static CallbackView of(Callback callback) {
        List<String> fields = callback.fields();
        int last = fields.size();
        while (last > 0 && fields.get(last - 1) == null) {
            last--;
        }
        return new CallbackView(callback.confirmationCode, callback.customerName, callback.phoneNumber,
                callback.serviceQueueId, callback.callType,
                List.copyOf(fields.subList(0, last).stream().map(f -> f == null ? "" : f).toList()),
                callback.timeslotId, callback.scheduledFor, callback.state, callback.lastCallStatus, callback.retries,
                callback.dueAt, callback.pin, callback.createdAt, callback.updatedAt);
    }
}
