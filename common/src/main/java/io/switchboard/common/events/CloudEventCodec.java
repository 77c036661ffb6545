package io.switchboard.common.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one way events are written and read: every producer (the outbox) and every consumer goes through here, so the
 * envelope's shape and each type's payload have one definition. Structured JSON mode, CloudEvents 1.0.
 */
@Singleton
public class CloudEventCodec {

    private final ObjectMapper mapper;

    public CloudEventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A new event with a fresh id and the current time. */
    public <T> CloudEvent create(String source, EventType<T> type, String subject, String tenantId, T data) {
        return new CloudEvent("1.0", UUID.randomUUID().toString(), source, type.type(), subject, OffsetDateTime.now(),
                "application/json", tenantId, mapper.valueToTree(data));
    }

    /** The event as one JSON document, the value of its Kafka record. */
    public String encode(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.id() + " cannot be written as JSON", e);
        }
    }

    /**
     * Reads a record's value.
     *
     * @throws UnreadableEventException
     *             when it is not a CloudEvent with an id and a type
     */
    public CloudEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new UnreadableEventException("The record has no value");
        }
        CloudEvent event;
        try {
            event = mapper.readValue(json, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException(
                    "The record is not a CloudEvent in structured JSON: " + e.getOriginalMessage());
        }
        if (event == null || isBlank(event.id()) || isBlank(event.type())) {
            throw new UnreadableEventException("The CloudEvent has no id or no type");
        }
        return event;
    }

    /**
     * The event's data as its type's record.
     *
     * @throws UnreadableEventException
     *             when the event is of another type or its data does not read as the record
     */
    public <T> T data(CloudEvent event, EventType<T> type) {
        if (!type.matches(event)) {
            throw new UnreadableEventException(
                    "Event " + event.id() + " is a " + event.type() + ", not a " + type.type());
        }
        JsonNode data = event.data();
        if (data == null || data.isNull()) {
            throw new UnreadableEventException("Event " + event.id() + " has no data");
        }
        try {
            return mapper.treeToValue(data, type.dataType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UnreadableEventException(
                    "The data of event " + event.id() + " is not a " + type.dataType().getSimpleName() + ": "
                            + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A record that is not an event this platform can read; consumers log and skip it, never retry it. */
    public static class UnreadableEventException extends RuntimeException {

        public UnreadableEventException(String message) {
            super(message, null, false, false);
        }
    }
}
