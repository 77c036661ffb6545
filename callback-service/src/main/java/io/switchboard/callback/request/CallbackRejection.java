package io.switchboard.callback.request;

/**
 * Why a callback request was refused. Each reason has the seed's legacy result code and a message of its own; the
 * modern API answers 400 with the message, the legacy one the result code.
 */
public class CallbackRejection extends RuntimeException {

    public enum Reason {
        /**
         * Missing or malformed parameters. The legacy service has no code of its own for them: 1 ("Invalid format
         * number") is its code for a request it cannot read, so that is what legacy callers get.
         */
        INVALID_PARAMETERS(1, "invalid-parameters", "Parameters passed across are invalid."),
        /**
         * The company has no such service queue. Legacy callers get -1: queue, company and password are the
         * integration's credentials, and a queue of another company must not be told apart from a wrong password.
         */
        UNKNOWN_SERVICE_QUEUE(-1, "invalid-parameters", "Parameters passed across are invalid."),
        INVALID_NUMBER(1, "invalid-phone-number", "The phone number passed across is invalid and cannot be formatted."),
        OUT_OF_HOURS(3, "out-of-hours", "The service queue is closed at this time (out of hours)."),
        /** The legacy service has no code for a bad slot; a slot that is closed, full or past is "out of hours". */
        SLOT_UNAVAILABLE(3, "slot-unavailable", "The requested timeslot is closed, full or already past."),
        NOT_WHITE_LISTED(4, "not-white-listed", "The phone number is not in the service queue's white list."),
        BLACK_LISTED(5, "black-listed", "The phone number is in the service queue's black list."),
        /**
         * Too many requests for this number or tenant: 429 with Retry-After on the modern API; the legacy service's
         * "try again later" code 2.
         */
        RATE_LIMITED(2, "rate-limited", "Too many callback requests; try again later."),
        /**
         * Every PIN (the agent's screen-pop key) is held by an active callback of the tenant, or so nearly every one
         * that ten random draws found none free: 503 with Retry-After, since PINs free up as callbacks finish; legacy
         * code 2. A callback without a PIN would silently break screen-pop, so it is refused instead.
         */
        NO_FREE_PIN(2, "no-free-pin", "No PIN is free for a new callback; try again later.");

        private final int legacyResultCode;
        private final String slug;
        private final String message;

        Reason(int legacyResultCode, String slug, String message) {
            this.legacyResultCode = legacyResultCode;
            this.slug = slug;
            this.message = message;
        }

        /** The ResultCode of the legacy Buzzeasy Callback Service. */
        public int legacyResultCode() {
            return legacyResultCode;
        }

        public String slug() {
            return slug;
        }

        public String message() {
            return message;
        }
    }

    private final Reason reason;
    private final long retryAfterSeconds;

    public CallbackRejection(Reason reason, String detail) {
        this(reason, detail, 0);
    }

    public CallbackRejection(Reason reason, String detail, long retryAfterSeconds) {
        super(detail == null ? reason.message() : reason.message() + " " + detail, null, false, false);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** For {@link Reason#RATE_LIMITED}: seconds until the window that refused the request ends. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Reason reason() {
        return reason;
    }
}
