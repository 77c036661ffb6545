package io.switchboard.callback;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackState;

/**
 * A callback request, from intake to its last call attempt: a row of {@code callback}, read and written only by
 * {@link CallbackRepository}. Never leaves the service: resources map it to records.
 */
public class Callback {

    public UUID id;

    public String tenantId;

    public String confirmationCode;

    public long serviceQueueId;

    public short callType;

    public String customerName;

    /** E.164. */
    public String phoneNumber;

    public String region;

    public String field1;
    public String field2;
    public String field3;
    public String field4;
    public String field5;
    public String field6;
    public String field7;
    public String field8;
    public String field9;
    public String field10;

    public Integer timeslotId;

    public OffsetDateTime scheduledFor;

    /** When a dialler may call: now for callType 1, the slot start for callType 2, later after a failed attempt. */
    public OffsetDateTime dueAt;

    /** Short numeric PIN, unique among the tenant's active callbacks (BuzzMeInfo GetCallDataByPin). */
    public String pin;

    public CallbackState state;

    public CallStatus lastCallStatus;

    public int retries;

    public OffsetDateTime createdAt;

    public OffsetDateTime updatedAt;

    public long version;

    /** The token of the dialler's current lease (claim); reports while the lease lives must show it. */
    public UUID leaseId;

    /** Who claimed it: the dialler id given with the claim, or the token's subject. */
    public String leaseHolder;

    /** Length of the lease; every accepted report of the holder renews it by this much. */
    public Integer leaseSeconds;

    public OffsetDateTime leaseExpiresAt;

    /** The due moment last published as {@code switchboard.callback.due}. */
    public OffsetDateTime announcedDueAt;

    /** The agent the callback is assigned to (Ameyo userId), if any. */
    public String userId;

    /** True when the agent scheduled the callback for themself. */
    public boolean selfCallback;

    /** Set while a repeat request for the same number should find this callback: its number, or null. */
    public String dedupKey;

    /** Ends the dialler's lease: the callback was rescheduled, finished or withdrawn. */
    public void releaseLease() {
        leaseId = null;
        leaseHolder = null;
        leaseSeconds = null;
        leaseExpiresAt = null;
    }

    /** The optional fields in order, field1 first; absent ones are null. */
    public List<String> fields() {
        List<String> fields = new ArrayList<>(10);
        fields.add(field1);
        fields.add(field2);
        fields.add(field3);
        fields.add(field4);
        fields.add(field5);
        fields.add(field6);
        fields.add(field7);
        fields.add(field8);
        fields.add(field9);
        fields.add(field10);
        return fields;
    }

    /** Stores up to ten fields as field1..field10. */
    public void setFields(List<String> values) {
        String[] f = new String[10];
        for (int i = 0; i < Math.min(values == null ? 0 : values.size(), 10); i++) {
            f[i] = values.get(i);
        }
        field1 = f[0];
        field2 = f[1];
        field3 = f[2];
        field4 = f[3];
        field5 = f[4];
        field6 = f[5];
        field7 = f[6];
        field8 = f[7];
        field9 = f[8];
        field10 = f[9];
    }
}
