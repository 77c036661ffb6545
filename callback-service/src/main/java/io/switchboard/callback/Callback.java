package io.switchboard.callback;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackState;

/** A callback request, from intake to its last call attempt. Never leaves the service: resources map it to records. */
@Entity
@Table(name = "callback")
public class Callback extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id")
    public String tenantId;

    @Column(name = "confirmation_code")
    public String confirmationCode;

    @Column(name = "service_queue_id")
    public long serviceQueueId;

    @Column(name = "call_type")
    public short callType;

    @Column(name = "customer_name")
    public String customerName;

    /** E.164. */
    @Column(name = "phone_number")
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

    @Column(name = "timeslot_id")
    public Integer timeslotId;

    @Column(name = "scheduled_for")
    public OffsetDateTime scheduledFor;

    /** When a dialler may call: now for callType 1, the slot start for callType 2, later after a failed attempt. */
    @Column(name = "due_at")
    public OffsetDateTime dueAt;

    /** Short numeric PIN, unique among the tenant's active callbacks (BuzzMeInfo GetCallDataByPin). */
    public String pin;

    @Enumerated(EnumType.STRING)
    public CallbackState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "last_call_status")
    public CallStatus lastCallStatus;

    public int retries;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** The token of the dialler's current lease (claim); reports while the lease lives must show it. */
    @Column(name = "lease_id")
    public UUID leaseId;

    /** Who claimed it: the dialler id given with the claim, or the token's subject. */
    @Column(name = "lease_holder")
    public String leaseHolder;

    /** Length of the lease; every accepted report of the holder renews it by this much. */
    @Column(name = "lease_seconds")
    public Integer leaseSeconds;

    @Column(name = "lease_expires_at")
    public OffsetDateTime leaseExpiresAt;

    /** The due moment last published as {@code switchboard.callback.due}. */
    @Column(name = "announced_due_at")
    public OffsetDateTime announcedDueAt;

    /** The agent the callback is assigned to (Ameyo userId), if any. */
    @Column(name = "user_id")
    public String userId;

    /** True when the agent scheduled the callback for themself. */
    @Column(name = "self_callback")
    public boolean selfCallback;

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
