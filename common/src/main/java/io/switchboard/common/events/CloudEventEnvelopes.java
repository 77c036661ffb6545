package io.switchboard.common.events;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;

/**
 * Reads only a CloudEvent's envelope attributes off a record, skipping its {@code data} without building it: for
 * consumers that route or store events of any type without reading their payload (notification-service's webhooks store
 * the record as it is). The same rules as {@link CloudEventCodec#decode}: a record that is not a JSON object with an id
 * and a type is unreadable. A consumer that needs the data decodes with {@link CloudEventCodec} instead.
 */
public final class CloudEventEnvelopes {

    private static final JsonFactory JSON = new JsonFactory();

    /** The attributes routing needs; any of {@code subject} and {@code tenantid} may be null. */
    public record Envelope(String id, String type, String subject, String tenantid) {
    }

    private CloudEventEnvelopes() {
    }

    /**
     * @throws UnreadableEventException
     *             when the record is not a CloudEvent in structured JSON with an id and a type
     */
    public static Envelope read(String json) {
        if (json == null || json.isBlank()) {
            throw new UnreadableEventException("The record has no value");
        }
        String id = null;
        String type = null;
        String subject = null;
        String tenantid = null;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableEventException("The record is not a CloudEvent in structured JSON: not an object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                String text = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                switch (name) {
                    case "id" -> id = text;
                    case "type" -> type = text;
                    case "subject" -> subject = text;
                    case "tenantid" -> tenantid = text;
                    default -> {
                        // other attributes are not needed to route
                    }
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new UnreadableEventException("The record is not a CloudEvent in structured JSON");
            }
        } catch (IOException e) {
            throw new UnreadableEventException("The record is not a CloudEvent in structured JSON: " + e.getMessage());
        }
        if (id == null || id.isBlank() || type == null || type.isBlank()) {
            throw new UnreadableEventException("The CloudEvent has no id or no type");
        }
        return new Envelope(id, type, subject, tenantid);
    }
}
