package io.switchboard.common.legacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The legacy {@code company} + {@code password} check, once for every legacy surface of every service: the caller says
 * where the company's stored hash comes from (callback-service's own table, campaign-service's read model of the
 * credential events), this class does the rest.
 * <ul>
 * <li>PBKDF2 ({@link LegacyPasswords}) is slow on purpose, so it runs on a worker thread, and a successful check is
 * remembered for {@link #REMEMBERED_FOR}, keyed by the company, a digest of the password and the stored hash (a changed
 * password misses). Failures are never remembered, so guessing stays slow.</li>
 * <li>An optional pepper ({@code switchboard.legacy.password-pepper}, environment
 * {@code SWITCHBOARD_LEGACY_PASSWORD_PEPPER}) is applied as HMAC-SHA256(pepper, password) before PBKDF2, for hashing
 * and verifying alike, so stolen hashes alone cannot be attacked offline. Every service must have the same pepper, and
 * hashes written without it stop matching once it is set.</li>
 * </ul>
 */
@ApplicationScoped
public class LegacyCredentialCheck {

    public static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);
    static final int MAX_REMEMBERED = 10_000;

    private final Optional<byte[]> pepper;
    private final Map<String, Long> verified = new ConcurrentHashMap<>();

    public LegacyCredentialCheck(@ConfigProperty(name = "switchboard.legacy.password-pepper") Optional<String> pepper) {
        this.pepper = pepper.filter(p -> !p.isBlank()).map(p -> p.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True when the company has a stored hash and the password matches it.
     *
     * @param storedHash
     *            the company's hash, or a null item when the company has none
     */
    public Uni<Boolean> verify(String company, String password, Uni<String> storedHash) {
        if (company == null || company.isBlank() || password == null) {
            return Uni.createFrom().item(false);
        }
        Context context = Vertx.currentContext();
        return storedHash.flatMap(hash -> {
            if (hash == null) {
                return Uni.createFrom().item(false);
            }
            String key = digest(company.trim(), password, hash);
            Long until = verified.get(key);
            if (until != null && until - System.nanoTime() > 0) {
                return Uni.createFrom().item(true);
            }
            Uni<Boolean> check = Uni.createFrom().item(() -> LegacyPasswords.verify(peppered(password), hash))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).invoke(ok -> {
                        if (ok) {
                            remember(key);
                        }
                    });
            // back to the request's context after the worker thread
            return context == null ? check : check.emitOn(task -> context.runOnContext(ignored -> task.run()));
        });
    }

    /** The hash to store for a new password, peppered when a pepper is configured. */
    public String hash(String password) {
        return LegacyPasswords.hash(peppered(password));
    }

    /** Forgets every remembered verification (a credential was changed or revoked). */
    public void forgetAll() {
        verified.clear();
    }

    private String peppered(String password) {
        if (pepper.isEmpty()) {
            return password;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper.get(), "HmacSHA256"));
            return Base64.getEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private void remember(String key) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(key, System.nanoTime() + REMEMBERED_FOR.toNanos());
    }

    private static String digest(String company, String password, String hash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { company, password, hash }) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
