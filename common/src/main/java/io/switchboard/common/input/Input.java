package io.switchboard.common.input;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.common.problem.Problem;
import io.switchboard.common.problem.ProblemException;

/**
 * Range checks for what a client sends, made at the edge before anything touches state: strings Postgres can store (no
 * NUL character) within a length, numbers within what their column holds, times within a sane window. A violation is a
 * 400 problem ({@code invalid-parameters}) naming every rejected field.
 *
 * <pre>
 * Input.check().text("name", r.name(), Input.NAME).text("email", r.email(), Input.EMAIL).done();
 * </pre>
 */
public final class Input {

    /** Longest name, label or title a request may carry. */
    public static final int NAME = 200;
    /** Longest e-mail address (RFC 5321's path limit). */
    public static final int EMAIL = 320;
    /** Longest identifier a client chooses (event ids, call ids, external references). */
    public static final int ID = 200;
    /** Longest URL. */
    public static final int URL = 2048;
    /** Longest free text (notes, descriptions, field values). */
    public static final int TEXT = 10_000;

    /** The NUL character, which Postgres cannot store in text. */
    public static final char NUL = '\u0000';

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private Input() {
    }

    /** Starts collecting violations. */
    public static Input check() {
        return new Input();
    }

    /**
     * Refuses a string with a NUL character or longer than {@code max} characters; null passes (presence is the
     * caller's rule).
     */
    public Input text(String field, String value, int max) {
        String problem = textProblem(value, max);
        if (problem != null) {
            errors.add(new Problem.FieldError(field, problem));
        }
        return this;
    }

    /** {@link #text} for each string of a list, named {@code field[i]}. */
    public Input texts(String field, List<String> values, int max) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                text(field + "[" + i + "]", values.get(i), max);
            }
        }
        return this;
    }

    /** {@link #text} for each key and string value of a map, named {@code field.key}. */
    public Input map(String field, Map<String, ?> values, int maxKey, int maxValue) {
        if (values != null) {
            for (Map.Entry<String, ?> e : values.entrySet()) {
                text(field + " key", e.getKey(), maxKey);
                if (e.getValue() instanceof String s) {
                    text(field + "." + e.getKey(), s, maxValue);
                }
            }
        }
        return this;
    }

    /** {@link #text} for every field name and string anywhere in a JSON tree. */
    public Input json(String field, JsonNode node, int max) {
        if (node == null) {
            return this;
        }
        if (node.isTextual()) {
            return text(field, node.textValue(), max);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                json(field + "[" + i + "]", node.get(i), max);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                text(field + " key", e.getKey(), ID);
                json(field.isEmpty() ? e.getKey() : field + "." + e.getKey(), e.getValue(), max);
            }
        }
        return this;
    }

    /** Refuses a number outside {@code [min, max]}; null passes. */
    public Input range(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new Problem.FieldError(field, "must be between " + min + " and " + max + "."));
        }
        return this;
    }

    /** Refuses a number outside {@code [min, max]}; null passes. */
    public Input range(String field, Integer value, long min, long max) {
        return range(field, value == null ? null : value.longValue(), min, max);
    }

    /**
     * Refuses a time further than {@code past} before now or {@code future} after it (a client's clock can be off, a
     * year 1 or 9999 is a bug or an attack); null passes. Rejected, never clamped.
     */
    public Input within(String field, OffsetDateTime value, Duration past, Duration future) {
        if (value != null) {
            OffsetDateTime now = OffsetDateTime.now();
            if (value.isBefore(now.minus(past)) || value.isAfter(now.plus(future))) {
                errors.add(new Problem.FieldError(field,
                        "must be within " + describe(past) + " before and " + describe(future) + " after now."));
            }
        }
        return this;
    }

    /** Adds a violation of the caller's own rule. */
    public Input refuse(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    /** @return the violations found so far */
    public List<Problem.FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws a 400 {@code invalid-parameters} problem listing every violation, if there is any. */
    public void done() {
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    /** The 400 problem of some violations, its detail naming them. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder("Parameters passed across are invalid:");
        for (Problem.FieldError e : errors) {
            detail.append(' ').append(e.field()).append(' ').append(e.message());
        }
        return new ProblemException(400, "invalid-parameters", "Bad Request", detail.toString(), errors);
    }

    /** Throws at once if a single string is refused by {@link #text}. */
    public static String requireText(String field, String value, int max) {
        check().text(field, value, max).done();
        return value;
    }

    /** @return what is wrong with a string (NUL or length), or null when it can be stored */
    public static String textProblem(String value, int max) {
        if (value == null) {
            return null;
        }
        if (value.indexOf(NUL) >= 0) {
            return "must not contain the NUL character (\\u0000).";
        }
        if (value.length() > max) {
            return "must be at most " + max + " characters long.";
        }
        return null;
    }

    /**
     * Reads a whole-number query or form parameter that must fit {@code [min, max]}; null or blank gives null.
     *
     * @throws ProblemException
     *             400 naming the parameter when it is not a number or out of range
     */
    public static Long parseLong(String field, String raw, long min, long max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw invalid(List
                    .of(new Problem.FieldError(field, "must be a whole number between " + min + " and " + max + ".")));
        }
        check().range(field, value, min, max).done();
        return value;
    }

    private static String describe(Duration d) {
        long days = d.toDays();
        return days >= 1 ? days + " days" : d.toHours() + " hours";
    }
}
