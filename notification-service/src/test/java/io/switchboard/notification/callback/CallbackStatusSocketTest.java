package io.switchboard.notification.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.notification.EventPublisher;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TextFrames;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CallbackStatusSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/notifications/callbacks/")
    URI socketBase;

    @Inject
    MeterRegistry registry;

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
    void shouldCloseAClientThatDoesNotReadAndResumeItFromTheHistory() throws Exception {
        String code = EventPublisher.newCode();
        int published = 2000;
        try (RawClient slow = new RawClient(socketBase.getPort(), "/api/v1/notifications/callbacks/" + code);
                EventPublisher events = new EventPublisher()) {
            List<CloudEvent> burst = new ArrayList<>();
            for (int i = 0; i < published; i++) {
                burst.add(EventPublisher.statusChangedEvent("1", 1, code,
                        i % 2 == 0 ? "CallingUser" : "CallingUserFailed", "IN_PROGRESS"));
            }
            // The client reads nothing while the events arrive: its socket buffers and the server's write queue fill.
            // It starts reading only once the replica has given up on it; reading earlier would race the replica's
            // consumer (a replica whose consumer is already warm delivers the burst as it arrives, and a client that
            // reads meanwhile keeps up).
            double closedBefore = tooSlowCloses();
            events.publishAll(burst);
            awaitTooSlowCloses(closedBefore + 1);

            List<String> received = new ArrayList<>();
            RawClient.Close close = slow.readUntilClose(received);
            assertThat(close.code()).as("closed as too slow").isEqualTo(4008);
            assertThat(close.reason()).startsWith("Too slow: reconnect with ?lastEventId=");
            assertThat(received).as("frames sent before the close, none lost in between").isNotEmpty()
                    .hasSizeLessThan(published);
            List<String> ids = burst.stream().map(CloudEvent::id).toList();
            List<String> receivedIds = new ArrayList<>();
            for (String frame : received) {
                receivedIds.add(JSON.readTree(frame).path("eventId").asText());
            }
            assertThat(receivedIds).containsExactlyElementsOf(ids.subList(0, received.size()));

            // Once the replica has handled the whole burst (a probe resuming after the last but one event gets the
            // last one first), the client resumes with the last id it saw: every event still kept (the last 10)
            // follows, in order.
            int kept = 10; // switchboard.notification.history-per-callback
            awaitHandled(code, ids.get(published - 2), ids.get(published - 1));
            TextFrames resumed = TextFrames.connect(URI.create(socketBase.toString().replaceFirst("^http", "ws") + code
                    + "?lastEventId=" + receivedIds.get(receivedIds.size() - 1)));
            try {
                for (String expected : ids.subList(published - kept, published)) {
                    assertThat(JSON.readTree(resumed.next()).path("eventId").asText()).isEqualTo(expected);
                }
                assertThat(resumed.poll(1)).isNull();
            } finally {
                resumed.close();
            }
        }
    }

    private double tooSlowCloses() {
        return registry.counter("switchboard.notification.live.too-slow").count();
    }

    private void awaitTooSlowCloses(double expected) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (tooSlowCloses() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The replica did not close the client that reads nothing within 60 s");
            }
            Thread.sleep(20);
        }
    }

    private void awaitHandled(String code, String lastButOne, String last) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            TextFrames probe = TextFrames.connect(URI
                    .create(socketBase.toString().replaceFirst("^http", "ws") + code + "?lastEventId=" + lastButOne));
            try {
                String first = probe.poll(2);
                if (first != null && JSON.readTree(first).path("eventId").asText().equals(last)) {
                    return;
                }
            } finally {
                probe.close();
            }
        }
        throw new AssertionError("The replica did not handle the burst within 60 s");
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

    /**
     * A client whose replica died reconnects here with the id of an event this replica has not handled yet (it reads
     * behind the other): it gets nothing it saw again, only what follows that event. With an id that never comes (a
     * replica started after it), it gets the kept events and the new ones after {@code resume-wait}.
     */
    @Test
    void shouldWaitForALastEventIdThisReplicaHasNotHandledYet() throws Exception {
        String code = EventPublisher.newCode();
        String ws = socketBase.toString().replaceFirst("^http", "ws") + code;
        try (EventPublisher events = new EventPublisher()) {
            String calling = events.statusChanged(code, "CallingUser", "IN_PROGRESS");
            // The other replica already sent this event; here it is still to come. (Whether the client is followed
            // before it is published or after, it must get the next event only.)
            CloudEvent connected = EventPublisher.statusChangedEvent("1", 1, code, "UserConnected", "IN_PROGRESS");
            TextFrames resumed = TextFrames.connect(URI.create(ws + "?lastEventId=" + connected.id()));
            String agent;
            try {
                events.publish(connected);
                agent = events.statusChanged(code, "CallingAgent", "IN_PROGRESS");
                assertThat(JSON.readTree(resumed.next()).path("eventId").asText())
                        .as("the first event after the client's last one, nothing it saw").isEqualTo(agent);
                assertThat(resumed.poll(1)).isNull();
            } finally {
                resumed.close();
            }

            TextFrames unknown = TextFrames.connect(URI.create(ws + "?lastEventId=" + UUID.randomUUID()));
            try {
                String accepted = events.statusChanged(code, "CallAccepted", "IN_PROGRESS");
                long start = System.nanoTime();
                List<String> received = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    received.add(JSON.readTree(unknown.next()).path("eventId").asText());
                }
                assertThat(received).as("everything kept, then what came while it waited").containsExactly(calling,
                        connected.id(), agent, accepted);
                assertThat(System.nanoTime() - start).as("held for resume-wait, not for ever")
                        .isLessThan(10_000_000_000L);
                assertThat(unknown.poll(1)).isNull();
            } finally {
                unknown.close();
            }
        }
    }
}
