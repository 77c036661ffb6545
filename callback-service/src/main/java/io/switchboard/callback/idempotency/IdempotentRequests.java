package io.switchboard.callback.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Honours the {@code Idempotency-Key} header of modern POSTs: the first successful response to a key is stored per
 * tenant and replayed for every repeat of the same request within the retention time; the same key with a different
 * request is refused with 422. Failed requests are not stored, so a client may retry them with the same key.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    static final String RETENTION = "24 hours";

    private final Pool pool;
    private final ObjectMapper mapper;

    public IdempotentRequests(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /**
     * @param operation
     *            names what is asked (method and path), so one key cannot be reused for a different operation
     * @param request
     *            the request body as read; its JSON form fingerprints the request
     */
    public Uni<Response> once(String tenantId, String key, String operation, Object request,
            Supplier<Uni<Response>> work) {
        if (key == null) {
            return work.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return Uni.createFrom().failure(ProblemException
                    .badRequest(HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters, e.g. a UUID."));
        }
        String fingerprint = fingerprint(operation, request);
        return pool.preparedQuery("SELECT request_fingerprint, status, body, location FROM idempotency_key"
                + " WHERE tenant_id = $1 AND idempotency_key = $2 AND created_at > now() - interval '" + RETENTION
                + "'").execute(Tuple.of(tenantId, key)).flatMap(rows -> {
                    if (rows.iterator().hasNext()) {
                        return Uni.createFrom().item(replay(rows.iterator().next(), fingerprint));
                    }
                    return work.get().call(response -> remember(tenantId, key, fingerprint, response));
                });
    }

    private Response replay(Row row, String fingerprint) {
        if (!row.getString("request_fingerprint").equals(fingerprint)) {
            throw new ProblemException(422, "idempotency-key-reused", "Unprocessable Content",
                    "This " + HEADER + " was already used for a different request; use a new key for a new request.");
        }
        Response.ResponseBuilder response = Response.status(row.getInteger("status")).header(REPLAYED_HEADER, "true");
        if (row.getString("body") != null) {
            response.entity(row.getString("body")).type(MediaType.APPLICATION_JSON);
        }
        if (row.getString("location") != null) {
            response.header(HttpHeaders.LOCATION, row.getString("location"));
        }
        return response.build();
    }

    private Uni<Void> remember(String tenantId, String key, String fingerprint, Response response) {
        if (response.getStatus() >= 300) {
            return Uni.createFrom().voidItem();
        }
        String location = response.getLocation() == null ? null : response.getLocation().toString();
        // A key older than the retention time is taken over by the new request.
        return pool
                .preparedQuery("INSERT INTO idempotency_key (tenant_id, idempotency_key, request_fingerprint, status,"
                        + " body, location) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, idempotency_key) DO UPDATE"
                        + " SET request_fingerprint = excluded.request_fingerprint, status = excluded.status,"
                        + " body = excluded.body, location = excluded.location, created_at = now()"
                        + " WHERE idempotency_key.created_at <= now() - interval '" + RETENTION + "'")
                .execute(Tuple.from(Arrays.asList(tenantId, key, fingerprint, response.getStatus(),
                        json(response.getEntity()), location)))
                .replaceWithVoid();
    }

    private String fingerprint(String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            // an absent body fingerprints as JSON null, so a retry without a body matches its first attempt
            String body = json(request);
            sha.update((body == null ? "null" : body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private String json(Object value) {
        try {
            return value == null ? null : mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response cannot be stored as JSON", e);
        }
    }
}
