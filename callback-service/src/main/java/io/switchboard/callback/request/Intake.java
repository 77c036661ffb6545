package io.switchboard.callback.request;

import io.switchboard.callback.Callback;

/**
 * What became of a callback request.
 *
 * @param created
 *            false when a callback for the same number and queue was already waiting, which is answered instead
 */
public record Intake(Callback callback, boolean created) {
}
