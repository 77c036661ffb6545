package io.switchboard.crm.contact;

import java.util.ArrayList;
import java.util.List;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

import io.switchboard.common.phone.PhoneNumbers;

/** How an autocomplete term reads as the start of a phone number. */
final class SearchTerms {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MIN_DIGITS = 3;

    private SearchTerms() {
    }

    /**
     * E.164 prefixes a term may be the start of, when it is made of digits (spaces, dashes, dots and brackets ignored):
     * {@code +447400} for {@code +44 7400}, {@code 0044 7400} or {@code 447400}, and, in region GB, {@code 07400} (the
     * national prefix replaced by the country code). Empty for any other term or fewer than three digits.
     */
    static List<String> phonePrefixes(String term, String region) {
        String compact = term.replaceAll("[\\s\\-.()/]", "");
        boolean plus = compact.startsWith("+");
        String digits = plus ? compact.substring(1) : compact;
        if (digits.length() < MIN_DIGITS || !digits.chars().allMatch(Character::isDigit)) {
            return List.of();
        }
        List<String> prefixes = new ArrayList<>();
        if (plus) {
            prefixes.add("+" + digits);
            return prefixes;
        }
        if (digits.startsWith("00")) {
            prefixes.add("+" + digits.substring(2));
            return prefixes;
        }
        String normalised = PhoneNumbers.normaliseRegion(region);
        if (normalised != null) {
            String national = UTIL.getNddPrefixForRegion(normalised, true);
            if (national != null && !national.isEmpty() && digits.startsWith(national)) {
                prefixes.add("+" + UTIL.getCountryCodeForRegion(normalised) + digits.substring(national.length()));
            }
        }
        prefixes.add("+" + digits);
        return prefixes;
    }
}
