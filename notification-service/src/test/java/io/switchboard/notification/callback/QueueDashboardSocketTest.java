package io.switchboard.notification.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.notification.EventPublisher;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.switchboard.testing.TextFrames;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class QueueDashboardSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/notifications/queues/")
    URI socketBase;

    @Test
    void shouldPushEveryCallbackOfTheQueueOfTheTokensTenantOnly() throws Exception {
        String token = TestTokens.token("41", "switchboard.dashboard");
        TextFrames dashboard = TextFrames.connect(uri("7?access_token=" + token));
        try (EventPublisher events = new EventPublisher()) {
            String mine = EventPublisher.newCode();
            events.statusChanged("42", 7, EventPublisher.newCode(), "CallingUser");
            events.statusChanged("41", 8, EventPublisher.newCode(), "CallingUser");
            String first = events.statusChanged("41", 7, mine, "CallingUser");
            String second = events.statusChanged("41", 7, EventPublisher.newCode(), "CallingAgent");

            // Two callbacks, two keys, possibly two partitions: their events may arrive in either order.
            JsonNode one = JSON.readTree(dashboard.next());
            JsonNode two = JSON.readTree(dashboard.next());
            JsonNode frame = one.path("eventId").asText().equals(first) ? one : two;
            assertThat(List.of(one.path("eventId").asText(), two.path("eventId").asText()))
                    .containsExactlyInAnyOrder(first, second);
            assertThat(frame.path("eventId").asText()).isEqualTo(first);
            assertThat(frame.path("confirmationCode").asText()).isEqualTo(mine);
            assertThat(frame.path("serviceQueue").asLong()).isEqualTo(7);
            assertThat(frame.path("status").asText()).isEqualTo("CallingUser");
            assertThat(frame.path("state").asText()).isEqualTo("IN_PROGRESS");
            assertThat(frame.path("type").asText()).isEqualTo("switchboard.callback.status-changed");
            assertThat(frame.path("occurredAt").asText()).isNotEmpty();
            assertThat(frame.has("tenantId")).as("the tenant is routing, not payload").isFalse();
            String lastSeen = two.path("eventId").asText();
            assertThat(dashboard.poll(1)).as("another tenant's queue 7 and our queue 8 stay out").isNull();
            dashboard.close();

            // Reconnecting with the last event id seen brings what happened meanwhile, in order.
            String third = events.statusChanged("41", 7, mine, "UserConnected");
            String fourth = events.statusChanged("41", 7, mine, "CallSucceeded");
            TextFrames resumed = TextFrames.connect(uri("7?access_token=" + token + "&lastEventId=" + lastSeen));
            try {
                assertThat(JSON.readTree(resumed.next()).path("eventId").asText()).isEqualTo(third);
                JsonNode last = JSON.readTree(resumed.next());
                assertThat(last.path("eventId").asText()).isEqualTo(fourth);
                assertThat(last.path("status").asText()).isEqualTo("CallSucceeded");
                assertThat(resumed.poll(1)).isNull();
            } finally {
                resumed.close();
            }
        }
    }

    @Test
    void shouldRefuseTheHandshakeWithoutAValidDashboardToken() {
        assertThat(TextFrames.refusedHandshake(uri("7"))).isEqualTo(401);
        assertThat(TextFrames.refusedHandshake(uri("7?access_token=" + TestTokens.token("41", "switchboard.admin"))))
                .isEqualTo(401);
        assertThat(
                TextFrames.refusedHandshake(uri("7?access_token=" + TestTokens.expired("41", "switchboard.dashboard"))))
                        .isEqualTo(401);
        assertThat(TextFrames
                .refusedHandshake(uri("7?access_token=" + TestTokens.signedByStranger("41", "switchboard.dashboard"))))
                        .isEqualTo(401);
        assertThat(TextFrames
                .refusedHandshake(uri("seven?access_token=" + TestTokens.token("41", "switchboard.dashboard"))))
                        .isEqualTo(404);
    }

    private URI uri(String rest) {
        return URI.create(socketBase.toString().replaceFirst("^http", "ws") + rest);
    }
}
