package io.switchboard.notification.signalr;

import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.notification.callback.CallbackStatusMessage;
import io.switchboard.notification.callback.CallbackSubscriber;
import io.switchboard.notification.callback.CallbackSubscriptions;
import io.switchboard.notification.callback.LiveEvent;

/**
 * The legacy hub {@code NotifyMe}: the server method {@code Subscribe(confirmationCode)}, and the client methods
 * {@code updateStatus(confCode, status)} for every call status and {@code closeConnection()} after a final one.
 */
@ApplicationScoped
public class NotifyMeHub {

    static final String NAME = "NotifyMe";
    private static final Set<String> FINAL_STATUSES = Set.of("CallSucceeded", "CallFailed");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CallbackSubscriptions subscriptions;

    public NotifyMeHub(CallbackSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    static boolean isNamed(String hubName) {
        return NAME.equalsIgnoreCase(hubName);
    }

    /**
     * The hub response to one invocation, and whether the invocation was malformed (not the shape of a hub invocation:
     * answered with 400 on {@code /send}, never with a server error).
     */
    record Answer(ObjectNode response, boolean malformed) {
    }

    /**
     * Runs one hub invocation {@code {"H":"notifyme","M":"Subscribe","A":["CODE"],"I":0}} and answers the hub response
     * {@code {"I":"0"}}, with {@code E} when it failed. {@code H} and {@code M} must be strings, {@code A} an array (of
     * strings or numbers for Subscribe) and {@code I} a string or number; anything else is malformed.
     */
    Answer invoke(HubConnection connection, JsonNode invocation) {
        if (invocation == null || !invocation.isObject()) {
            return malformed("0", "The hub invocation is not a JSON object.");
        }
        JsonNode id = invocation.path("I");
        if (!id.isMissingNode() && !id.isTextual() && !id.isIntegralNumber()) {
            return malformed("0", "The invocation id I must be a string or a number.");
        }
        String invocationId = id.isMissingNode() ? "0" : limited(id.asText());
        JsonNode hub = invocation.path("H");
        JsonNode method = invocation.path("M");
        JsonNode arguments = invocation.path("A");
        if (!hub.isTextual() || !method.isTextual()) {
            return malformed(invocationId, "The hub H and the method M must be strings.");
        }
        if (!arguments.isMissingNode() && !arguments.isArray()) {
            return malformed(invocationId, "The arguments A must be an array.");
        }
        ObjectNode response = JSON.objectNode().put("I", invocationId);
        if (!isNamed(hub.asText())) {
            return new Answer(response.put("E", "'" + limited(hub.asText()) + "' Hub could not be resolved."), false);
        }
        if (!"Subscribe".equalsIgnoreCase(method.asText()) || arguments.size() != 1) {
            return new Answer(
                    response.put("E",
                            "'" + limited(method.asText()) + "' method could not be resolved on hub '" + NAME + "'."),
                    false);
        }
        JsonNode argument = arguments.get(0);
        if (!argument.isTextual() && !argument.isIntegralNumber()) {
            return malformed(invocationId, "Subscribe takes a confirmation code (a string).");
        }
        String confirmationCode = argument.asText().trim();
        if (confirmationCode.isEmpty()) {
            return new Answer(response.put("E", "A confirmation code is required."), false);
        }
        if (!confirmationCode.matches("[A-Za-z0-9_-]{1,64}")) {
            return new Answer(response.put("E", "That is not a confirmation code."), false);
        }
        follow(connection, confirmationCode);
        return new Answer(response, false);
    }

    static Answer malformed(String invocationId, String error) {
        return new Answer(JSON.objectNode().put("I", invocationId).put("E", error), true);
    }

    /** What of a client's text an answer repeats: at most 64 characters. */
    private static String limited(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    void follow(HubConnection connection, String confirmationCode) {
        if (connection.follow(confirmationCode)) {
            subscriptions.subscribe(confirmationCode, new Follower(connection));
        }
    }

    void release(HubConnection connection) {
        connection.followed().forEach(code -> subscriptions.unsubscribe(code, new Follower(connection)));
    }

    /**
     * The client-method calls an event becomes, as JSON text: {@code updateStatus}, and {@code closeConnection} after a
     * final status. Rendered once per event and shared by every connection that follows the callback.
     */
    static final Function<LiveEvent, String[]> CLIENT_CALLS = event -> {
        String updateStatus = call("updateStatus", event.confirmationCode(), event.status()).toString();
        return FINAL_STATUSES.contains(event.status())
                ? new String[] { updateStatus, call("closeConnection").toString() }
                : new String[] { updateStatus };
    };

    /** Turns callback events into client-method calls; equal for the same connection, so it also unsubscribes. */
    record Follower(HubConnection connection) implements CallbackSubscriber {

        @Override
        public void deliver(LiveEvent event) {
            // The legacy service announced call progress only: acceptance of the request is not a status there.
            if (CallbackStatusMessage.REQUESTED_STATUS.equals(event.status())) {
                return;
            }
            connection.push(System.currentTimeMillis(), event.renderedOnce(CLIENT_CALLS));
        }
    }

    private static ObjectNode call(String method, String... arguments) {
        ObjectNode call = JSON.objectNode().put("H", NAME).put("M", method);
        var array = call.putArray("A");
        for (String argument : arguments) {
            array.add(argument);
        }
        return call;
    }
}
