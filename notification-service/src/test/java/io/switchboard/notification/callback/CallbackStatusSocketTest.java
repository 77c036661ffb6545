package io.switchboard.notification.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.notification.EventPublisher;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TextFrames;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CallbackStatusSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/notifications/callbacks/")
    URI socketBase;

    @Test
    void shouldPushEveryEventOfTheFollowedCallbackOnceAndNothingOfOthers() throws Exception {
        String code = "CODE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        TextFrames socket = TextFrames.connect(URI.create(socketBase.toString().replaceFirst("^http", "ws") + code));
        try (EventPublisher events = new EventPublisher()) {
            String requestedId = events.requested(code);
            events.statusChanged("OTHERCODE", "CallingUser", "IN_PROGRESS");
            var calling = events.publish(EventPublisher.statusChangedEvent("1", 1, code, "CallingUser", "IN_PROGRESS"));
            String callingId = calling.id();
            // The relay delivers at least once: a duplicate must not reach the customer twice.
            events.publish(calling);
            events.statusChanged(code, "CallSucceeded", "SUCCEEDED");

            JsonNode first = JSON.readTree(socket.next());
            assertThat(first.path("eventId").asText()).isEqualTo(requestedId);
            assertThat(first.path("confirmationCode").asText()).isEqualTo(code);
            assertThat(first.path("status").asText()).isEqualTo("Requested");
            assertThat(first.path("state").asText()).isEqualTo("PENDING");
            assertThat(first.path("occurredAt").asText()).isNotEmpty();

            JsonNode second = JSON.readTree(socket.next());
            assertThat(second.path("eventId").asText()).isEqualTo(callingId);
            assertThat(second.path("status").asText()).isEqualTo("CallingUser");
            assertThat(second.path("type").asText()).isEqualTo("switchboard.callback.status-changed");

            JsonNode third = JSON.readTree(socket.next());
            assertThat(third.path("status").asText()).isEqualTo("CallSucceeded");
            assertThat(socket.poll(1)).as("no duplicate, no other callback's event").isNull();
        } finally {
            socket.close();
        }
    }

    @Test
    void shouldSendWhatWasMissedAfterTheLastEventIdOnReconnect() throws Exception {
        String code = EventPublisher.newCode();
        TextFrames socket = TextFrames.connect(URI.create(socketBase.toString().replaceFirst("^http", "ws") + code));
        try (EventPublisher events = new EventPublisher()) {
            events.requested(code);
            String calling = events.statusChanged(code, "CallingUser", "IN_PROGRESS");
            socket.next();
            assertThat(JSON.readTree(socket.next()).path("eventId").asText()).isEqualTo(calling);
            socket.close();

            String connected = events.statusChanged(code, "UserConnected", "IN_PROGRESS");
            String failed = events.statusChanged(code, "CallFailed", "FAILED");
            TextFrames resumed = TextFrames.connect(
                    URI.create(socketBase.toString().replaceFirst("^http", "ws") + code + "?lastEventId=" + calling));
            try {
                assertThat(JSON.readTree(resumed.next()).path("eventId").asText()).isEqualTo(connected);
                JsonNode last = JSON.readTree(resumed.next());
                assertThat(last.path("eventId").asText()).isEqualTo(failed);
                assertThat(last.path("status").asText()).isEqualTo("CallFailed");
                assertThat(resumed.poll(1)).as("nothing twice").isNull();
            } finally {
                resumed.close();
            }
        }
    }
}
