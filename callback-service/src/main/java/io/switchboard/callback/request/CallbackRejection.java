package io.switchboard.callback.request;

/**
 * Why a callback request was refused. Each reason has the seed's legacy result code and a message of its own; the
 * modern API answers 400 with the message, the legacy one the result code.
 */
public class CallbackRejection extends RuntimeException {

    public enum Reason {
        INVALID_PARAMETERS(400, "invalid-parameters", "Parameters passed across are invalid."),
        INVALID_NUMBER(1, "invalid-phone-number", "The phone number passed across is invalid and cannot be formatted.");

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

    public CallbackRejection(Reason reason, String detail) {
        super(detail == null ? reason.message() : reason.message() + " " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
