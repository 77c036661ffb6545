package io.switchboard.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.events.campaign.CampaignEvents;
import io.switchboard.common.events.erasure.ErasureEvents;

/** The envelope and payload contracts, as a consumer in another service or language reads them off the topic. */
class CloudEventCodecTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final CloudEventCodec codec = new CloudEventCodec(MAPPER);

    @Test
    void shouldWriteAStructuredCloudEventAndReadItsDataBack() throws Exception {
        var data = new CallbackEvents.StatusChanged("3K26BT2WR3", 1, CallStatus.CALLING_USER, CallbackState.IN_PROGRESS,
                0, OffsetDateTime.parse("2026-12-01T10:00:00Z"), null, 1);
        CloudEvent event = codec.create("/switchboard/callback-service", CallbackEvents.STATUS_CHANGED, "3K26BT2WR3",
                "1", data);
        String json = codec.encode(event);

        JsonNode wire = MAPPER.readTree(json);
        assertThat(wire.get("specversion").asText()).isEqualTo("1.0");
        assertThat(wire.get("type").asText()).isEqualTo("switchboard.callback.status-changed");
        assertThat(wire.get("subject").asText()).isEqualTo("3K26BT2WR3");
        assertThat(wire.get("tenantid").asText()).isEqualTo("1");
        assertThat(wire.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(wire.get("data").get("status").asText()).isEqualTo("CallingUser");
        assertThat(wire.get("data").get("state").asText()).isEqualTo("IN_PROGRESS");

        CloudEvent read = codec.decode(json);
        assertThat(read.id()).isEqualTo(event.id());
        assertThat(codec.data(read, CallbackEvents.STATUS_CHANGED)).isEqualTo(data);
    }

    @Test
    void shouldRoundTripEveryPayloadOfCampaignAndErasureTopics() {
        var changed = new CampaignEvents.CampaignChanged(7, "Winter sale", "OUTBOUND", true, "Europe/London",
                OffsetDateTime.parse("2026-12-01T10:00:00Z"), OffsetDateTime.parse("2026-12-01T10:05:00Z"));
        assertThat(roundTrip(CampaignEvents.CHANGED, changed)).isEqualTo(changed);
        var requested = new ErasureEvents.ErasureRequested("e-1", List.of("+447400123456"), List.of("ada@example.com"),
                OffsetDateTime.parse("2026-12-01T10:00:00Z"));
        assertThat(roundTrip(ErasureEvents.REQUESTED, requested)).isEqualTo(requested);
        var completed = new ErasureEvents.ErasureCompleted("e-1", "lead-service", Map.of("leads", 2L, "attempts", 5L),
                OffsetDateTime.parse("2026-12-01T10:00:01Z"));
        assertThat(roundTrip(ErasureEvents.COMPLETED, completed)).isEqualTo(completed);
    }

    @Test
    void shouldRefuseWhatIsNotAnEventOfTheExpectedType() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(CloudEventCodec.UnreadableEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"specversion\":\"1.0\"}"))
                .isInstanceOf(CloudEventCodec.UnreadableEventException.class);
        assertThatThrownBy(() -> codec.decode("")).isInstanceOf(CloudEventCodec.UnreadableEventException.class);
        CloudEvent deleted = codec.create("/t", CampaignEvents.DELETED, "7", "1",
                new CampaignEvents.CampaignDeleted(7, OffsetDateTime.now()));
        assertThatThrownBy(() -> codec.data(deleted, CampaignEvents.CHANGED))
                .isInstanceOf(CloudEventCodec.UnreadableEventException.class);
    }

    private <T> T roundTrip(EventType<T> type, T data) {
        return codec.data(codec.decode(codec.encode(codec.create("/test", type, "s", "1", data))), type);
    }
}
