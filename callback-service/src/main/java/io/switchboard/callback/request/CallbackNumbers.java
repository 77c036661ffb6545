package io.switchboard.callback.request;

import java.util.Optional;

import io.switchboard.common.phone.PhoneNumbers;

/**
 * The numbers a callback may be placed to: read by {@link PhoneNumbers}, which refuses a number that is not valid for
 * its country (E.164 input included), and free of NUL characters, which the legacy methods report as invalid input.
 */
public final class CallbackNumbers {

    private CallbackNumbers() {
    }

    public static Optional<String> toE164(String raw, String region) {
        if (IntakeValidation.hasNul(raw)) {
            return Optional.empty();
        }
        return PhoneNumbers.toE164(raw, region);
    }
}
