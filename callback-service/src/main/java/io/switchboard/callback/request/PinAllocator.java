package io.switchboard.callback.request;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.pgclient.PgException;

/**
 * PINs for agent screen-pop: random, six digits ({@code switchboard.callback.pin-digits}). A PIN is unique among the
 * tenant's active callbacks by the unique index {@value #PIN_INDEX}; a request that draws a PIN already in use fails on
 * that index and is retried with a new one, so no query probes for free PINs first.
 */
@ApplicationScoped
public class PinAllocator {

    static final String PIN_INDEX = "callback_active_pin";
    static final String CODE_INDEX = "callback_confirmation_code_key";
    static final String UNIQUE_VIOLATION = "23505";

    private final SecureRandom random = new SecureRandom();
    private final int bound;
    private final String format;

    public PinAllocator(@ConfigProperty(name = "switchboard.callback.pin-digits", defaultValue = "6") int digits) {
        this.bound = (int) Math.pow(10, digits);
        this.format = "%0" + digits + "d";
    }

    public String next() {
        return String.format(format, random.nextInt(bound));
    }

    /**
     * True when the failure is a unique violation of the PIN (or, rarer still, the confirmation code) index: drawing
     * again will do. Decided by SQLSTATE and constraint name, never by message text.
     */
    public static boolean isCollision(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && (PIN_INDEX.equals(pg.getConstraint()) || CODE_INDEX.equals(pg.getConstraint()))) {
                return true;
            }
        }
        return false;
    }

    /** True when the failure is a unique violation of the named index. */
    static boolean violates(Throwable failure, String index) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && index.equals(pg.getConstraint())) {
                return true;
            }
        }
        return false;
    }
}
