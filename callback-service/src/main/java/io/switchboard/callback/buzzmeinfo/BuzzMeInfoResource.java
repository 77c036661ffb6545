package io.switchboard.callback.buzzmeinfo;

import java.util.function.Function;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Text;
import io.switchboard.callback.legacy.LegacyCredentials;

/**
 * The legacy BuzzMeInfo service: call data for an agent's screen-pop, by presented number (CLI) or PIN, with company +
 * password auth. Like the WCF original, anything that finds no call data (no match, missing parameters, wrong
 * credentials) answers {@code null}, which a .NET client reads as a null CallData; a wrong password says no more than a
 * wrong PIN, so neither can be probed.
 */
@Path("/BuzzMeInfo/InfoService.svc/rest")
@Tag(name = "BuzzMeInfo (legacy)")
@Produces(MediaType.APPLICATION_JSON)
public class BuzzMeInfoResource {

    private final LegacyCredentials credentials;
    private final CallDataService callData;

    public BuzzMeInfoResource(LegacyCredentials credentials, CallDataService callData) {
        this.credentials = credentials;
        this.callData = callData;
    }

    /**
     * The seed's CallData. The two methods answer the same fields except that GetCallDataByNumber names the queue
     * ({@code serviceQueueName}) and when it was scheduled ({@code ScheduledTime}) where GetCallDataByPin gives the
     * queue id ({@code serviceQueue}) and when it was requested ({@code TimeCalled}); the other pair is left out. Empty
     * fields are {@code null}, as a WCF data contract writes them.
     */
    @JsonPropertyOrder({ "CustomerName", "UserPhoneNo", "serviceQueueName", "serviceQueue", "Retries", "field1",
            "field2", "field3", "field4", "field5", "field6", "field7", "field8", "field9", "field10",
            "ConfirmationCode", "ScheduledTime", "TimeCalled" })
    public record CallData(@JsonProperty("CustomerName") String customerName,
            @JsonProperty("UserPhoneNo") String userPhoneNo,
            @JsonProperty("serviceQueueName") @JsonInclude(JsonInclude.Include.NON_NULL) String serviceQueueName,
            @JsonProperty("serviceQueue") @JsonInclude(JsonInclude.Include.NON_NULL) Long serviceQueue,
            @JsonProperty("Retries") int retries, @JsonProperty("field1") String field1,
            @JsonProperty("field2") String field2, @JsonProperty("field3") String field3,
            @JsonProperty("field4") String field4, @JsonProperty("field5") String field5,
            @JsonProperty("field6") String field6, @JsonProperty("field7") String field7,
            @JsonProperty("field8") String field8, @JsonProperty("field9") String field9,
            @JsonProperty("field10") String field10, @JsonProperty("ConfirmationCode") String confirmationCode,
            @JsonProperty("ScheduledTime") @JsonInclude(JsonInclude.Include.NON_NULL) String scheduledTime,
            @JsonProperty("TimeCalled") @JsonInclude(JsonInclude.Include.NON_NULL) String timeCalled) {

        /** GetCallDataByNumber's answer. */
        static CallData byNumber(CallDataService.Found f) {
            var c = f.callback();
            // a scheduled callback was scheduled for its slot; a call-when-available one for when it was requested
            return of(f, f.queue() == null ? "" : f.queue().name(), null,
                    f.time(c.scheduledFor != null ? c.scheduledFor : c.createdAt), null);
        }

        /** GetCallDataByPin's answer. */
        static CallData byPin(CallDataService.Found f) {
            return of(f, null, f.callback().serviceQueueId, null, f.time(f.callback().createdAt));
        }

        private static CallData of(CallDataService.Found f, String queueName, Long queueId, String scheduledTime,
                String timeCalled) {
            var c = f.callback();
            return new CallData(c.customerName, c.phoneNumber, queueName, queueId, c.retries, f.field(1), f.field(2),
                    f.field(3), f.field(4), f.field(5), f.field(6), f.field(7), f.field(8), f.field(9), f.field(10),
                    c.confirmationCode, scheduledTime, timeCalled);
        }
    }

    @GET
    @Path("/GetCallDataByNumber")
    @Operation(summary = "Call data of the callback being connected to a presented number (CLI)")
    public Uni<Response> byNumber(@QueryParam("presentedNumber") String presentedNumber,
            @QueryParam("companyId") String companyId, @QueryParam("password") String password) {
        if (Text.hasNul(presentedNumber)) {
            return Uni.createFrom().item(nothing());
        }
        return answer(companyId, password, tenant -> callData.byPresentedNumber(tenant, presentedNumber)
                .map(f -> f == null ? null : CallData.byNumber(f)));
    }

    @GET
    @Path("/GetCallDataByPin")
    @Operation(summary = "Call data of the active callback with a PIN")
    public Uni<Response> byPin(@QueryParam("pin") String pin, @QueryParam("companyId") String companyId,
            @QueryParam("password") String password) {
        if (Text.hasNul(pin)) {
            return Uni.createFrom().item(nothing());
        }
        return answer(companyId, password,
                tenant -> callData.byPin(tenant, pin).map(f -> f == null ? null : CallData.byPin(f)));
    }

    /** No call data: what the original answers to missing or malformed parameters. */
    private static Response nothing() {
        return Response.ok("null", MediaType.APPLICATION_JSON).build();
    }

    private Uni<Response> answer(String companyId, String password, Function<String, Uni<?>> lookup) {
        if (Text.hasNul(companyId, password)) {
            return Uni.createFrom().item(nothing());
        }
        return credentials.authenticate(companyId, password).flatMap(tenant -> {
            if (tenant == null) {
                Log.infof("BuzzMeInfo refused company %s: unknown company or wrong password", companyId);
                return Uni.createFrom().nullItem();
            }
            return lookup.apply(tenant);
        }).map(data -> Response.ok(data == null ? "null" : data, MediaType.APPLICATION_JSON).build());
    }
}
