package io.switchboard.crm;

/**
 * A value a caller sent cannot be used; the message names the field and says what it must be. Resources answer 400 in
 * their surface's shape (the SwitchTransact error body, or problem JSON).
 */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
