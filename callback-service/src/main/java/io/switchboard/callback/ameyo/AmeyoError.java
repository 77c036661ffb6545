package io.switchboard.callback.ameyo;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A failure in the Ameyo API's own error shape: {@code {"message", "info", "status", "errorCode"}}, where {@code info}
 * is a string holding a JSON array of a message key and its argument.
 */
public class AmeyoError extends RuntimeException {

    @JsonPropertyOrder({ "message", "info", "status", "errorCode" })
    public record Body(String message, String info, int status, int errorCode) {
    }

    private final Body body;

    public AmeyoError(int status, String message, String key, String argument) {
        super(message, null, false, false);
        this.body = new Body(message, key == null ? null : info(key, argument), status, status);
    }

    /** The seed's answer to deleting a callback that does not exist (or is no longer a scheduled callback). */
    public static AmeyoError unknownCallback(String customerCallbackId) {
        return new AmeyoError(512, null, "CallBackManager.invalid.campcust.callback.id", customerCallbackId);
    }

    public static AmeyoError unauthorized(String message) {
        return new AmeyoError(401, message, null, null);
    }

    public static AmeyoError badRequest(String message, String key, String argument) {
        return new AmeyoError(400, message, key, argument);
    }

    public Body body() {
        return body;
    }

    private static String info(String key, String argument) {
        return "[" + quote(key) + ", " + (argument == null ? "null" : quote(argument)) + "]";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
