package io.switchboard.callback.queue;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.Formula;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A tenant's service queue: the seeds' {@code serviceQueue} id is unique within the tenant. */
@Entity
@Table(name = "service_queue")
@IdClass(ServiceQueue.Key.class)
public class ServiceQueue extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    public long id;

    public String name;

    /** IANA zone for opening hours and timeslots. */
    @Column(name = "time_zone")
    public String timeZone;

    /** Call attempts before a callback that never reaches the customer is CallFailed. */
    @Column(name = "retry_max_attempts")
    public int retryMaxAttempts;

    /** Wait between attempts. */
    @Column(name = "retry_interval_seconds")
    public int retryIntervalSeconds;

    /** The labels of field1..field10 as a JSON array (read-only here; the admin API writes them). */
    @Formula("field_labels::text")
    public String fieldLabelsJson;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public static class Key implements Serializable {
        public String tenantId;
        public long id;

        public Key() {
        }

        public Key(String tenantId, long id) {
            this.tenantId = tenantId;
            this.id = id;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.id == id && Objects.equals(k.tenantId, tenantId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, id);
        }
    }
}
