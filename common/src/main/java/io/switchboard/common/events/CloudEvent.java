package io.switchboard.common.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, the value of every record on a {@code switchboard.*} topic.
 *
 * @param tenantid
 *            extension attribute: the tenant the event belongs to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject, OffsetDateTime time,
        String datacontenttype, String tenantid, JsonNode data) {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static CloudEvent of(String source, String type, String subject, String tenantId, JsonNode data) {
        return new CloudEvent("1.0", UUID.randomUUID().toString(), source, type, subject, OffsetDateTime.now(),
                "application/json", tenantId, data);
    }
}
