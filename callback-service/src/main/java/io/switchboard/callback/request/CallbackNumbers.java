package io.switchboard.callback.request;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.switchboard.common.phone.PhoneNumbers;

/**
 * The numbers a callback may be placed to: read by {@link PhoneNumbers} and then checked by libphonenumber as a valid
 * number of its country, E.164 input included. A number too long, too short or not valid for its country is refused, so
 * only numbers a dialler can call are stored.
 */
public final class CallbackNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private CallbackNumbers() {
    }

    public static Optional<String> toE164(String raw, String region) {
        if (IntakeValidation.hasNul(raw)) {
            return Optional.empty();
        }
        return PhoneNumbers.toE164(raw, region).filter(CallbackNumbers::isValid);
    }

    private static boolean isValid(String e164) {
        try {
            return UTIL.isValidNumber(UTIL.parse(e164, "ZZ"));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
