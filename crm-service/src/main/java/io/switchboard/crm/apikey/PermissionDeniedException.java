package io.switchboard.crm.apikey;

/** A valid key without the permission a call needs: the SwitchTransact facade answers 403 naming it. */
public class PermissionDeniedException extends RuntimeException {

    private final Permission requested;

    public PermissionDeniedException(Permission requested) {
        super("Not authorized to make this API call. " + requested.requesting(), null, false, false);
        this.requested = requested;
    }

    public Permission requested() {
        return requested;
    }
}
