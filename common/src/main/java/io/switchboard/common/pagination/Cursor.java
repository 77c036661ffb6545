package io.switchboard.common.pagination;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.switchboard.common.problem.ProblemException;

/**
 * Opaque keyset cursors: the key of the last item of a page, base64url-encoded. Callers pass them back unchanged; a
 * cursor that was tampered with is a 400, never a 500.
 */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the key the cursor was made from, or null for the first page */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The cursor is not one this API issued.");
        }
    }

    /** Clamps a requested page size to 1..max, with a default when none is given. */
    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1) {
            throw ProblemException.badRequest("limit must be at least 1.");
        }
        return Math.min(requested, max);
    }
}
