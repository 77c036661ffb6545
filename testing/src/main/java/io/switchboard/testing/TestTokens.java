package io.switchboard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests, signed with a key pair made for this test JVM (never committed). The services under test
 * trust its public key through {@link SwitchboardTestResource}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://switchboard.test";

    private static KeyPair keys;
    private static Path publicKeyFile;

    private TestTokens() {
    }

    /** A valid token for the tenant with the given scopes, valid for an hour. */
    public static String token(String tenantId, String... scopes) {
        return sign(tenantId, String.join(" ", scopes), Instant.now().plus(Duration.ofHours(1)), privateKey());
    }

    /** A valid token of a named user ({@code sub}), e.g. a numeric Platform API user id. */
    public static String tokenOf(String subject, String tenantId, String... scopes) {
        return sign(subject, tenantId, String.join(" ", scopes), Instant.now().plus(Duration.ofHours(1)), privateKey());
    }

    /** A token that expired an hour ago. */
    public static String expired(String tenantId, String... scopes) {
        return sign(tenantId, String.join(" ", scopes), Instant.now().minus(Duration.ofHours(1)), privateKey());
    }

    /** A well-formed token signed by a key the services do not trust. */
    public static String signedByStranger(String tenantId, String... scopes) {
        return sign(tenantId, String.join(" ", scopes), Instant.now().plus(Duration.ofHours(1)),
                generate().getPrivate());
    }

    /** The PEM file of the public key services must trust to accept {@link #token} tokens. */
    public static synchronized Path publicKeyFile() {
        ensureKeys();
        return publicKeyFile;
    }

    private static String sign(String tenantId, String scope, Instant expiresAt, PrivateKey key) {
        return sign("test-client", tenantId, scope, expiresAt, key);
    }

    private static String sign(String subject, String tenantId, String scope, Instant expiresAt, PrivateKey key) {
        var claims = Jwt.issuer(ISSUER).subject(subject).claim("scope", scope)
                .issuedAt(expiresAt.minus(Duration.ofHours(2))).expiresAt(expiresAt);
        if (tenantId != null) {
            claims.claim("buzzeasy.TenantId", tenantId);
        }
        return claims.jws().keyId("test").sign(key);
    }

    private static synchronized PrivateKey privateKey() {
        ensureKeys();
        return keys.getPrivate();
    }

    private static void ensureKeys() {
        if (keys != null) {
            return;
        }
        keys = generate();
        try {
            publicKeyFile = Files.createTempFile("switchboard-test-jwt", ".pem");
            publicKeyFile.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(publicKeyFile, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
