package io.switchboard.callback.request;

import java.util.List;

import io.switchboard.callback.Text;
import io.switchboard.common.phone.PhoneNumbers;

/**
 * The parameter rules of a callback request and an amendment: what is required, lengths, regions, and no text Postgres
 * cannot store (NUL). Pure functions: the first problem found is said for the caller, null when all are fine.
 */
final class IntakeValidation {

    static final int MAX_FIELDS = 10;
    static final int MAX_TEXT = 500;

    private IntakeValidation() {
    }

    static String parameterProblem(CallbackRequest request) {
        if (request == null) {
            return "A JSON body is required.";
        }
        if (request.callType() == null) {
            return "callType is required: 1 = call when available, 2 = scheduled.";
        }
        if (request.callType() != 1 && request.callType() != 2) {
            return "callType must be 1 (call when available) or 2 (scheduled), not " + request.callType() + ".";
        }
        if (request.phoneNo() == null || request.phoneNo().isBlank()) {
            return "phoneNo is required.";
        }
        if (request.serviceQueue() == null) {
            return "serviceQueue is required.";
        }
        String problem = textProblem(request.name(), request.fields());
        if (problem == null) {
            problem = nulProblem(request.phoneNo(), request.region(), request.date());
        }
        if (problem == null) {
            problem = regionProblem(request.region());
        }
        if (problem != null) {
            return problem;
        }
        if (request.callType() == 2 && (request.timeslot() == null || request.date() == null)) {
            return "A scheduled callback (callType 2) needs timeslot and date.";
        }
        return null;
    }

    static String amendmentProblem(CallbackAmendment amendment) {
        if (amendment == null) {
            return "A JSON body with the values to change is required.";
        }
        String problem = textProblem(amendment.name(), amendment.fields());
        if (problem == null) {
            problem = nulProblem(amendment.phoneNo(), amendment.region(), amendment.date());
        }
        if (problem == null && amendment.phoneNo() != null && amendment.phoneNo().isBlank()) {
            problem = "phoneNo may not be blank.";
        }
        if (problem == null) {
            problem = regionProblem(amendment.region());
        }
        return problem;
    }

    private static String textProblem(String name, List<String> fields) {
        if (fields != null && fields.size() > MAX_FIELDS) {
            return "fields takes at most " + MAX_FIELDS + " values, not " + fields.size() + ".";
        }
        if (tooLong(name) || fields != null && fields.stream().anyMatch(IntakeValidation::tooLong)) {
            return "Name and each field may be at most " + MAX_TEXT + " characters.";
        }
        if (hasNul(name) || fields != null && fields.stream().anyMatch(IntakeValidation::hasNul)) {
            return "Name and fields may not contain NUL characters.";
        }
        return null;
    }

    private static String nulProblem(String... values) {
        for (String value : values) {
            if (hasNul(value)) {
                return "Text values may not contain NUL characters.";
            }
        }
        return null;
    }

    private static String regionProblem(String region) {
        if (region != null && !region.isBlank() && PhoneNumbers.normaliseRegion(region) == null) {
            return "region " + region + " is not a known ISO 3166 region (e.g. GB, IE).";
        }
        return null;
    }

    /** True when the text holds a NUL character, which Postgres text cannot store. */
    static boolean hasNul(String value) {
        return Text.hasNul(value);
    }

    private static boolean tooLong(String value) {
        return value != null && value.length() > MAX_TEXT;
    }
}
