package io.switchboard.common.events;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, the value of every record on a {@code switchboard.*} topic.
 * Written and read only through {@link CloudEventCodec}.
 *
 * @param subject
 *            the entity the event is about (a confirmation code, a lead id)
 * @param tenantid
 *            extension attribute: the tenant the event belongs to
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject, OffsetDateTime time,
        String datacontenttype, String tenantid, JsonNode data) {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
}
