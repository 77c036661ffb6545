package io.switchboard.crm.apikey;

/** No key, or one that is unknown or revoked: the SwitchTransact facade answers 401. */
public class ApiKeyRejectedException extends RuntimeException {

    public ApiKeyRejectedException(String message) {
        super(message, null, false, false);
    }
}
