package io.switchboard.campaign;

/** The token scopes of campaign-service's modern API, named once for every resource that checks them. */
public final class Scopes {

    /** Campaigns, users, EWT reads. */
    public static final String ADMIN = "switchboard.admin";
    /** Queue events from diallers and ACDs, EWT reads. */
    public static final String DIALLER = "switchboard.dialler";

    private Scopes() {
    }
}
