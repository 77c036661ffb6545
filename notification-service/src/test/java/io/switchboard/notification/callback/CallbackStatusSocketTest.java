package io.switchboard.notification.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.SwitchboardTestResource;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class CallbackStatusSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/notifications/callbacks/")
    URI socketBase;

    @Test
    void shouldPushEveryEventOfTheFollowedCallbackOnceAndNothingOfOthers() throws Exception {
        String code = "CODE" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = connect(code, frames);
        try (KafkaProducer<String, String> producer = producer()) {
            String requestedId = UUID.randomUUID().toString();
            String callingId = UUID.randomUUID().toString();
            send(producer, event(requestedId, "switchboard.callback.requested", code, null, "PENDING"));
            send(producer, event(UUID.randomUUID().toString(), "switchboard.callback.status-changed", "OTHERCODE",
                    "CallingUser", "IN_PROGRESS"));
            send(producer, event(callingId, "switchboard.callback.status-changed", code, "CallingUser", "IN_PROGRESS"));
            // The relay delivers at least once: a duplicate must not reach the customer twice.
            send(producer, event(callingId, "switchboard.callback.status-changed", code, "CallingUser", "IN_PROGRESS"));
            send(producer, event(UUID.randomUUID().toString(), "switchboard.callback.status-changed", code,
                    "CallSucceeded", "SUCCEEDED"));

            JsonNode first = JSON.readTree(next(frames));
            assertThat(first.path("eventId").asText()).isEqualTo(requestedId);
            assertThat(first.path("confirmationCode").asText()).isEqualTo(code);
            assertThat(first.path("status").asText()).isEqualTo("Requested");
            assertThat(first.path("state").asText()).isEqualTo("PENDING");
            assertThat(first.path("occurredAt").asText()).isNotEmpty();

            JsonNode second = JSON.readTree(next(frames));
            assertThat(second.path("eventId").asText()).isEqualTo(callingId);
            assertThat(second.path("status").asText()).isEqualTo("CallingUser");
            assertThat(second.path("type").asText()).isEqualTo("switchboard.callback.status-changed");

            JsonNode third = JSON.readTree(next(frames));
            assertThat(third.path("status").asText()).isEqualTo("CallSucceeded");
            assertThat(frames.poll(1, TimeUnit.SECONDS)).as("no duplicate, no other callback's event").isNull();
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    private WebSocket connect(String code, BlockingQueue<String> frames) {
        URI uri = URI.create(socketBase.toString().replaceFirst("^http", "ws") + code);
        return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
    }

    private static String next(BlockingQueue<String> frames) throws InterruptedException {
        String frame = frames.poll(20, TimeUnit.SECONDS);
        assertThat(frame).as("a status message within 20 s").isNotNull();
        return frame;
    }

    private static KafkaProducer<String, String> producer() {
        var props = new java.util.Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, String[] keyAndValue) throws Exception {
        producer.send(new ProducerRecord<>("switchboard.callback-events", keyAndValue[0], keyAndValue[1])).get();
    }

    private static String[] event(String id, String type, String code, String status, String state) {
        var data = JSON.createObjectNode().put("confirmationCode", code).put("serviceQueue", 1).put("state", state);
        if (status != null) {
            data.put("status", status);
        }
        var event = JSON.createObjectNode().put("specversion", "1.0").put("id", id).put("source", "/test")
                .put("type", type).put("subject", code).put("time", OffsetDateTime.now().toString())
                .put("tenantid", "1");
        event.set("data", data);
        return new String[] { code, event.toString() };
    }
}
