package io.switchboard.callback.dialler;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.switchboard.common.events.callback.CallStatus;

/** One status a dialler reported for a callback: the audit trail. */
@Entity
@Table(name = "callback_status_change")
public class CallbackStatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "callback_id")
    public UUID callbackId;

    @Enumerated(EnumType.STRING)
    public CallStatus status;

    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
}
