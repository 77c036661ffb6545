package io.switchboard.callback.legacy;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Text;
import io.switchboard.callback.legacy.LegacyMessages.CallRequest;
import io.switchboard.callback.legacy.LegacyMessages.ResponseMessage;
import io.switchboard.callback.legacy.LegacyMessages.SlotRequest;
import io.switchboard.callback.legacy.LegacyMessages.TimeSlot;
import io.switchboard.callback.queue.QueueCalendar;
import io.switchboard.callback.queue.ServiceQueue;
import io.switchboard.callback.queue.ServiceQueueCache;
import io.switchboard.callback.request.CallbackIntakeService;
import io.switchboard.callback.request.CallbackRejection;
import io.switchboard.callback.request.CallbackRequest;
import io.switchboard.callback.request.RequestDates;
import io.switchboard.callback.timeslot.Timeslot;
import io.switchboard.callback.timeslot.TimeslotService;
import io.switchboard.common.problem.DependencyFailures;

/**
 * The legacy Buzzeasy Callback Service's REST endpoint: a thin adapter over the same intake and timeslot code as the
 * modern API. Request methods always answer 200 with a ResultCode, as the WCF original did; the timeslot methods answer
 * the TimeSlot array, or an error status with the ResultCode when there is no array to give.
 */
@Path("/RequestCallbackService/Service.svc/rest")
@Tag(name = "Legacy Buzzeasy Callback Service")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class LegacyCallbackResource {

    static final int OK = 0;
    static final int BAD_REQUEST = 1;
    static final int UNAVAILABLE = 2;
    static final int AUTHENTICATION_FAILED = -1;
    static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH-mm-ss");

    private final LegacyCredentials credentials;
    private final CallbackIntakeService intake;
    private final ServiceQueueCache queues;
    private final TimeslotService timeslots;
    private final ObjectMapper mapper;

    public LegacyCallbackResource(LegacyCredentials credentials, CallbackIntakeService intake, ServiceQueueCache queues,
            TimeslotService timeslots, ObjectMapper mapper) {
        this.credentials = credentials;
        this.intake = intake;
        this.queues = queues;
        this.timeslots = timeslots;
        this.mapper = mapper;
    }

    @POST
    @Path("/RequestCallWhenAvailable")
    @Operation(summary = "Call the user when an agent is available (callType 1)")
    public Uni<ResponseMessage> requestCallWhenAvailable(String body) {
        return requestCall(body, 1);
    }

    @POST
    @Path("/RequestCallSchedule")
    @Operation(summary = "Call the user in a timeslot on a date (callType 2)")
    public Uni<ResponseMessage> requestCallSchedule(String body) {
        return requestCall(body, 2);
    }

    @POST
    @Path("/GetAvailableTimes")
    @Operation(summary = "The bookable timeslots of the requested day after the requested time")
    public Uni<Response> getAvailableTimes(String body) {
        return slots(body, (tenant, queue, after) -> timeslots.availableOn(tenant, queue, after));
    }

    @POST
    @Path("/GetNextThreeTimeSlots")
    @Operation(summary = "The next (up to) three bookable timeslots after the requested time, on any later day")
    public Uni<Response> getNextThreeTimeSlots(String body) {
        return slots(body, (tenant, queue, after) -> timeslots.next(tenant, queue, after, 3));
    }

    private Uni<ResponseMessage> requestCall(String body, int callType) {
        CallRequest request = read(body, CallRequest.class);
        if (request == null || Text.hasNul(request.name(), request.phoneNo(), request.serviceQueue(), request.company(),
                request.password(), request.region(), request.field1(), request.field2(), request.field3(),
                request.field4(), request.field5(), request.field6(), request.field7(), request.field8(),
                request.field9(), request.field10(), request.timeslot(), request.date())) {
            return Uni.createFrom().item(new ResponseMessage(null, BAD_REQUEST));
        }
        return credentials.verify(request.company(), request.password()).flatMap(authenticated -> {
            if (!authenticated) {
                return Uni.createFrom().item(new ResponseMessage(null, AUTHENTICATION_FAILED));
            }
            Long serviceQueue = number(request.serviceQueue());
            Long timeslot = number(request.timeslot());
            if (serviceQueue == null && request.serviceQueue() != null
                    || timeslot == null && request.timeslot() != null) {
                return Uni.createFrom().item(new ResponseMessage(null, BAD_REQUEST));
            }
            var callback = new CallbackRequest(request.name(), request.phoneNo(), serviceQueue, request.region(),
                    Arrays.asList(request.field1(), request.field2(), request.field3(), request.field4(),
                            request.field5(), request.field6(), request.field7(), request.field8(), request.field9(),
                            request.field10()),
                    timeslot == null ? null : timeslot.intValue(), request.date(), callType);
            return intake.request(request.company().trim(), callback)
                    .map(result -> new ResponseMessage(result.callback().confirmationCode, OK));
        }).onFailure().recoverWithItem(failure -> new ResponseMessage(null, resultCode(failure)));
    }

    @FunctionalInterface
    private interface SlotQuery {
        Uni<List<Timeslot>> find(String tenantId, ServiceQueue queue, LocalDateTime after);
    }

    private Uni<Response> slots(String body, SlotQuery query) {
        SlotRequest request = read(body, SlotRequest.class);
        if (request == null || Text.hasNul(request.serviceQueue(), request.company(), request.password(),
                request.requestedDate(), request.time())) {
            return Uni.createFrom().item(failed(BAD_REQUEST));
        }
        return credentials.verify(request.company(), request.password()).flatMap(authenticated -> {
            Long serviceQueue = number(request.serviceQueue());
            if (!authenticated || serviceQueue == null) {
                return Uni.createFrom().item(failed(authenticated ? BAD_REQUEST : AUTHENTICATION_FAILED));
            }
            String tenantId = request.company().trim();
            return queues.find(tenantId, serviceQueue).flatMap(queue -> {
                if (queue == null) {
                    return Uni.createFrom().item(failed(AUTHENTICATION_FAILED));
                }
                String date = request.requestedDate() != null ? request.requestedDate() : request.time();
                LocalDateTime after = date == null ? LocalDateTime.now(QueueCalendar.zone(queue))
                        : RequestDates.dateTime(date);
                if (after == null) {
                    return Uni.createFrom().item(failed(BAD_REQUEST));
                }
                return query.find(tenantId, queue, after)
                        .map(found -> Response.ok(found.stream().map(slot -> new TimeSlot(slot.id(),
                                slot.to().format(TIME_FORMAT), slot.from().format(TIME_FORMAT), true)).toList())
                                .build());
            });
        }).onFailure().recoverWithItem(failure -> failed(resultCode(failure)));
    }

    /** An error where a TimeSlot array was asked for: the status says what kind, the body gives the ResultCode. */
    private static Response failed(int resultCode) {
        int status = switch (resultCode) {
            case AUTHENTICATION_FAILED -> 401;
            case UNAVAILABLE -> 503;
            default -> 400;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ResponseMessage(null, resultCode))
                .build();
    }

    /** The seed's result code for a failure; a dependency outage (or anything unforeseen) is 2, never a 500. */
    private static int resultCode(Throwable failure) {
        if (failure instanceof CallbackRejection rejection) {
            return rejection.reason().legacyResultCode();
        }
        if (DependencyFailures.isUnavailable(failure)) {
            Log.warnf("Dependency unavailable for a legacy callback request: %s", failure.toString());
        } else {
            Log.errorf(failure, "Unexpected failure of a legacy callback request");
        }
        return UNAVAILABLE;
    }

    private <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
