package io.switchboard.common.phone;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The one place phone numbers are read. A number already in E.164 form ({@code +} and a known country code, at most
 * fifteen digits) is accepted as it is, as the seed APIs promise; any other number is read in the caller's region
 * (Appendix A's GB and IE, or any ISO 3166 region libphonenumber knows) and must be a valid number there.
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
                boolean knownCountry = !UTIL.getRegionCodeForCountryCode(number.getCountryCode()).equals("ZZ");
                boolean e164Length = e164.length() - 1 <= 15 && e164.length() - 1 >= 7;
                return knownCountry && e164Length ? Optional.of(e164) : Optional.empty();
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
