package io.switchboard.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.common.events.agent.AgentEvents;
import io.switchboard.common.events.lead.LeadEvents;

/**
 * The payloads of {@code switchboard.lead-events} and the user events of {@code switchboard.agent-events}, as a
 * consumer in another service (campaign-service, crm-service, notification-service) reads them off the topic.
 */
class LeadEventsContractTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final CloudEventCodec codec = new CloudEventCodec(MAPPER);

    @Test
    void shouldRoundTripEveryLeadEventPayload() {
        var list = new LeadEvents.ListChanged(12, 2, "Winter leads", true, 1, false,
                OffsetDateTime.parse("2026-12-01T10:00:00Z"), OffsetDateTime.parse("2026-12-01T10:05:00Z"));
        assertThat(roundTrip(LeadEvents.LIST_CHANGED, list)).isEqualTo(list);
        var done = new LeadEvents.ImportCompleted("0f8fad5b-d9cb-469f-a165-70867728950e", 12L, "completed", 1000, 990,
                4, 6, 12500.5, OffsetDateTime.parse("2026-12-01T10:00:00Z"),
                OffsetDateTime.parse("2026-12-01T10:00:01Z"));
        assertThat(roundTrip(LeadEvents.IMPORT_COMPLETED, done)).isEqualTo(done);
        var attempt = new LeadEvents.AttemptRecorded(999, 4_000_000_000_000L, 3_999L, 3_998L, 9999, 2, 12, "10000001",
                1, "+61499999999", 1, "Answered", "call.outbound", OffsetDateTime.parse("2026-12-01T10:00:00Z"),
                OffsetDateTime.parse("2026-12-01T10:03:00Z"), 1002L, true, null);
        assertThat(roundTrip(LeadEvents.ATTEMPT_RECORDED, attempt)).isEqualTo(attempt);
    }

    @Test
    void shouldWriteTheAttemptWithTheNamesCrmServiceReads() throws Exception {
        var attempt = new LeadEvents.AttemptRecorded(999, 110, 109L, 108L, 9999, 2, 12, null, 1, "+61499999999", 3,
                "Abandoned", "call.outbound", OffsetDateTime.parse("2026-12-01T10:00:00Z"), null, null, false,
                OffsetDateTime.parse("2026-12-01T11:00:00Z"));
        CloudEvent event = codec.create("/switchboard/lead-service", LeadEvents.ATTEMPT_RECORDED, "110", "7", attempt);
        JsonNode wire = MAPPER.readTree(codec.encode(event));
        assertThat(wire.get("type").asText()).isEqualTo("switchboard.lead.attempt-recorded");
        assertThat(wire.get("tenantid").asText()).isEqualTo("7");
        JsonNode data = wire.get("data");
        assertThat(data.get("activityId").asLong()).isEqualTo(110);
        assertThat(data.get("parentActivityId").asLong()).isEqualTo(109);
        assertThat(data.get("rootActivityId").asLong()).isEqualTo(108);
        assertThat(data.get("leadId").asLong()).isEqualTo(9999);
        assertThat(data.get("campaignId").asLong()).isEqualTo(2);
        assertThat(data.get("listId").asLong()).isEqualTo(12);
        assertThat(data.get("phoneNumber").asText()).isEqualTo("+61499999999");
        assertThat(data.get("dialStatusId").asInt()).isEqualTo(3);
        assertThat(data.get("dialStatusName").asText()).isEqualTo("Abandoned");
        assertThat(data.get("type").asText()).isEqualTo("call.outbound");
        assertThat(data.get("startedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(data.get("endedAt").isNull()).isTrue();
        assertThat(data.get("agentId").isNull()).isTrue();
    }

    @Test
    void shouldRoundTripTheUserEvents() {
        var changed = new AgentEvents.UserChanged(1002, "John Doe", "agent", true, 2L,
                OffsetDateTime.parse("2026-12-01T10:00:00Z"), OffsetDateTime.parse("2026-12-01T10:00:00Z"));
        assertThat(roundTrip(AgentEvents.USER_CHANGED, changed)).isEqualTo(changed);
        var deleted = new AgentEvents.UserDeleted(1002, OffsetDateTime.parse("2026-12-02T10:00:00Z"));
        assertThat(roundTrip(AgentEvents.USER_DELETED, deleted)).isEqualTo(deleted);
    }

    private <T> T roundTrip(EventType<T> type, T data) {
        return codec.data(codec.decode(codec.encode(codec.create("/test", type, "s", "1", data))), type);
    }
}
