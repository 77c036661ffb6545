package io.switchboard.common.phone;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The one place phone numbers are read. A number in international form ({@code +} or {@code 00}) is read whatever the
 * caller's region; any other number is read in the caller's region (Appendix A's GB and IE, or any ISO 3166 region
 * libphonenumber knows). Either way libphonenumber must find it a valid number of its country (length and number
 * ranges), so only numbers a dialler can call are stored.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Set<String> REGIONS = UTIL.getSupportedRegions();

    private PhoneNumbers() {
    }

    /**
     * @return the number in E.164 form, or empty when it cannot be formatted
     */
    public static Optional<String> toE164(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        try {
            if (trimmed.startsWith("+") || trimmed.startsWith("00")) {
                String international = trimmed.startsWith("00") ? "+" + trimmed.substring(2) : trimmed;
                PhoneNumber number = UTIL.parse(international, "ZZ");
                String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
                // Valid for its country, like a national number: a dialler can only call real numbers, so a number
                // a digit too long (the seeds' own example +4477794531150 is one) is refused, not stored.
                return UTIL.isValidNumber(number) ? Optional.of(e164) : Optional.empty();
            }
            String normalisedRegion = normaliseRegion(region);
            if (normalisedRegion == null) {
                return Optional.empty();
            }
            PhoneNumber number = UTIL.parse(trimmed, normalisedRegion);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The ISO region in upper case, or null when it is not one libphonenumber knows. */
    public static String normaliseRegion(String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        String upper = region.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("UK")) {
            upper = "GB";
        }
        return REGIONS.contains(upper) ? upper : null;
    }
}
