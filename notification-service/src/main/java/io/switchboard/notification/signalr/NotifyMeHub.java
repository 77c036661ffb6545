package io.switchboard.notification.signalr;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.notification.callback.CallbackStatusMessage;
import io.switchboard.notification.callback.CallbackSubscriber;
import io.switchboard.notification.callback.CallbackSubscriptions;

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
     * Runs one hub invocation {@code {"H":"notifyme","M":"Subscribe","A":["CODE"],"I":0}} and answers the hub response
     * {@code {"I":"0"}}, with {@code E} when it failed.
     */
    ObjectNode invoke(HubConnection connection, JsonNode invocation) {
        ObjectNode response = JSON.objectNode().put("I", invocation.path("I").asText("0"));
        String hub = invocation.path("H").asText();
        String method = invocation.path("M").asText();
        JsonNode arguments = invocation.path("A");
        if (!isNamed(hub)) {
            return response.put("E", "'" + hub + "' Hub could not be resolved.");
        }
        if (!"Subscribe".equalsIgnoreCase(method) || arguments.size() != 1) {
            return response.put("E", "'" + method + "' method could not be resolved on hub '" + NAME + "'.");
        }
        String confirmationCode = arguments.get(0).asText("").trim();
        if (confirmationCode.isEmpty()) {
            return response.put("E", "A confirmation code is required.");
        }
        follow(connection, confirmationCode);
        return response;
    }

    void follow(HubConnection connection, String confirmationCode) {
        if (connection.follow(confirmationCode)) {
            subscriptions.subscribe(confirmationCode, new Follower(connection));
        }
    }

    void release(HubConnection connection) {
        connection.followed().forEach(code -> subscriptions.unsubscribe(code, new Follower(connection)));
    }

    /** Turns callback events into client-method calls; equal for the same connection, so it also unsubscribes. */
    record Follower(HubConnection connection) implements CallbackSubscriber {

        @Override
        public void deliver(CallbackStatusMessage message) {
            // The legacy service announced call progress only: acceptance of the request is not a status there.
            if (CallbackStatusMessage.REQUESTED_STATUS.equals(message.status())) {
                return;
            }
            ObjectNode updateStatus = call("updateStatus", message.confirmationCode(), message.status());
            if (FINAL_STATUSES.contains(message.status())) {
                connection.push(System.currentTimeMillis(), updateStatus, call("closeConnection"));
            } else {
                connection.push(System.currentTimeMillis(), updateStatus);
            }
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
