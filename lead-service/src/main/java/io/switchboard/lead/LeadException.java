package io.switchboard.lead;

import java.util.List;

import io.switchboard.common.problem.Problem.FieldError;

/**
 * What lead-service's domain code throws when it refuses something; resources turn it into problem JSON (or a seed's
 * own shape) by its {@link Kind}, never by its message.
 */
public class LeadException extends RuntimeException {

    public enum Kind {
        /** The request's values break a rule; {@link #errors()} names the fields. */
        INVALID,
        /** What the request names does not exist in the tenant. */
        NOT_FOUND,
        /** The request conflicts with the current state (a duplicate, a lease held by another dialler). */
        CONFLICT
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public LeadException(Kind kind, String message, List<FieldError> errors) {
        super(message, null, false, false);
        this.kind = kind;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static LeadException invalid(List<FieldError> errors) {
        String message = errors.size() == 1 ? errors.get(0).message()
                : "Parameters passed across are invalid: " + errors.size() + " fields were refused.";
        return new LeadException(Kind.INVALID, message, errors);
    }

    public static LeadException invalid(String field, String message) {
        return new LeadException(Kind.INVALID, message, List.of(new FieldError(field, message)));
    }

    public static LeadException notFound(String message) {
        return new LeadException(Kind.NOT_FOUND, message, List.of());
    }

    public static LeadException conflict(String field, String message) {
        return new LeadException(Kind.CONFLICT, message,
                field == null ? List.of() : List.of(new FieldError(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Whether a phone field is among the refused ones. */
    public boolean concernsPhone() {
        return errors.stream().anyMatch(e -> e.field() != null && e.field().matches("phone[1-3]"));
    }
}
