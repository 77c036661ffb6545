package io.switchboard.lead;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.problem.Problem;
import io.switchboard.common.problem.ProblemException;

/** Reading filters and numbers sent as text: anything unreadable is a 400 naming the parameter, never a 404 or 500. */
public final class QueryParams {

    private QueryParams() {
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "invalid-parameters", "Bad Request", message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** @return null when absent */
    public static Long positiveLong(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 1) {
                throw invalid(name, name + " must be a positive integer.");
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, name + " must be a positive integer, not '" + raw + "'.");
        }
    }

    /** @return null when absent */
    public static Integer integer(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, name + " must be an integer, not '" + raw + "'.");
        }
    }

    /** An ISO 8601 date-time filter; one without an offset is UTC. @return null when absent */
    public static OffsetDateTime timestamp(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        OffsetDateTime t = PlatformDates.parse(raw, ZoneOffset.UTC);
        if (t == null) {
            throw invalid(name, name + " must be an ISO 8601 date-time such as 2026-11-24T09:00:00+00:00.");
        }
        return t;
    }

    /** Reads a cursor made from an id; anything else is a 400. */
    public static long afterId(String cursor) {
        String key = Cursor.decode(cursor);
        if (key == null) {
            return 0;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("The cursor is not one this API issued.");
        }
    }
}
