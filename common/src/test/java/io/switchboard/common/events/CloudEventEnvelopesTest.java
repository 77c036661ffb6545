package io.switchboard.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;

/** The envelope read without the data agrees with the codec on every attribute it reads and on what is unreadable. */
class CloudEventEnvelopesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final CloudEventCodec codec = new CloudEventCodec(MAPPER);

    @Test
    void shouldReadTheEnvelopeTheCodecWrote() {
        var data = new CallbackEvents.StatusChanged("3K26BT2WR3", 1, CallStatus.CALLING_USER, CallbackState.IN_PROGRESS,
                0, OffsetDateTime.parse("2026-12-01T10:00:00Z"), null, 1);
        CloudEvent event = codec.create("/switchboard/callback-service", CallbackEvents.STATUS_CHANGED, "3K26BT2WR3",
                "42", data);

        CloudEventEnvelopes.Envelope envelope = CloudEventEnvelopes.read(codec.encode(event));

        assertThat(envelope).isEqualTo(new CloudEventEnvelopes.Envelope(event.id(),
                "switchboard.callback.status-changed", "3K26BT2WR3", "42"));
    }

    @Test
    void shouldSkipDataOfAnyShapeAndTolerateMissingOptionalAttributes() {
        String json = "{\"data\":{\"nested\":[1,{\"id\":\"not-this\"}],\"type\":\"nor-this\"},\"specversion\":\"1.0\","
                + "\"id\":\"e-1\",\"type\":\"switchboard.lead.created\",\"time\":\"2026-12-01T10:00:00Z\"}";

        assertThat(CloudEventEnvelopes.read(json))
                .isEqualTo(new CloudEventEnvelopes.Envelope("e-1", "switchboard.lead.created", null, null));
    }

    @Test
    void shouldRefuseWhatTheCodecRefuses() {
        for (String unreadable : new String[] { "", "not json", "[1,2]", "{\"id\":\"e-1\"}", "{\"type\":\"t\"}",
                "{\"id\":\"\",\"type\":\"t\"}", "{\"id\":\"e-1\",\"type\":\"t\"" }) {
            assertThatThrownBy(() -> CloudEventEnvelopes.read(unreadable)).as(unreadable)
                    .isInstanceOf(UnreadableEventException.class);
        }
    }
}
