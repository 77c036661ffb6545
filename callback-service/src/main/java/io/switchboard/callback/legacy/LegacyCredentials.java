package io.switchboard.callback.legacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.common.logging.LogContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Checks a legacy {@code company} + {@code password} pair against the tenant's hashed credential. */
@ApplicationScoped
public class LegacyCredentials {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    static final int MAX_REMEMBERED = 10_000;

    private final Pool pool;
    /**
     * Pairs verified lately (keyed by a digest of company, password and stored hash, so a changed password misses):
     * PBKDF2 is slow on purpose, and a legacy integration sends the same pair with every call. Failures are never
     * remembered, so guessing stays slow.
     */
    private final Map<String, Instant> verified = new ConcurrentHashMap<>();

    public LegacyCredentials(Pool pool) {
        this.pool = pool;
    }

    /** True when the company exists and the password matches; the company id is the tenant id. */
    public Uni<Boolean> verify(String company, String password) {
        if (company == null || company.isBlank() || password == null) {
            return Uni.createFrom().item(false);
        }
        // The company a legacy call names is its tenant, verified or not: what an operator follows in the logs.
        LogContext.tenant(company.trim());
        Context context = Vertx.currentContext();
        return pool.preparedQuery("SELECT password_hash FROM legacy_credential WHERE tenant_id = $1")
                .execute(Tuple.of(company.trim())).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    String hash = rows.iterator().next().getString(0);
                    String remembered = digest(company.trim(), password, hash);
                    Instant until = verified.get(remembered);
                    if (until != null && until.isAfter(Instant.now())) {
                        return Uni.createFrom().item(true);
                    }
                    // PBKDF2 is deliberately slow: run it off the event loop, then come back to the request's context.
                    Uni<Boolean> check = Uni.createFrom().item(() -> LegacyPasswords.verify(password, hash))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).invoke(ok -> {
                                if (ok) {
                                    remember(remembered);
                                }
                            });
                    return context == null ? check : check.emitOn(task -> context.runOnContext(ignored -> task.run()));
                });
    }

    /** The tenant when the company and password match; null when either is missing, unknown or wrong. */
    public Uni<String> authenticate(String company, String password) {
        return verify(company, password).map(valid -> valid ? company.trim() : null);
    }

    private void remember(String key) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, Instant.now().plus(REMEMBERED_FOR));
    }

    private static String digest(String company, String password, String hash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { company, password, hash }) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
