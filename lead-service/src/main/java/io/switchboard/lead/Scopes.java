package io.switchboard.lead;

/** The OAuth2 scopes lead-service's endpoints require. */
public final class Scopes {

    /** Platform API v3.0: leads, lists, bulk imports, dialler attempts. */
    public static final String PLATFORM = "platform-api";
    /** Buzzeasy unified Campaign API (contact intake); a token without it is a 401, as the unified API documents. */
    public static final String CONTACTS = "buzzeasy.callback";
    /** Diallers: claims and attempts. */
    public static final String DIALLER = "switchboard.dialler";
    /** Administration: dialling policies, the do-not-call list, CSV imports. */
    public static final String ADMIN = "switchboard.admin";

    private Scopes() {
    }
}
