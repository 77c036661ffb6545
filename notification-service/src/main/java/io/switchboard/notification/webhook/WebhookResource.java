package io.switchboard.notification.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.common.input.Input;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.notification.webhook.WebhookStore.DeadLetter;
import io.switchboard.notification.webhook.WebhookStore.Webhook;

/** Tenant administrators register the URLs their callback events are POSTed to, and handle dead letters. */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks")
@RolesAllowed(WebhookResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    public static final String SCOPE = "switchboard.admin";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore store;
    private final WebhookAddresses addresses;
    private final TenantContext tenant;

    public WebhookResource(WebhookStore store, WebhookAddresses addresses, TenantContext tenant) {
        this.store = store;
        this.addresses = addresses;
        this.tenant = tenant;
    }

    /** The most event types one webhook may subscribe to. */
    static final int MAX_EVENT_TYPES = 100;

    public record WebhookRequest(String url, List<String> eventTypes) {
    }

    /** The registration as created: the only time the secret is shown. */
    public record CreatedWebhook(UUID id, String url, List<String> eventTypes, OffsetDateTime createdAt,
            String secret) {
    }

    public record Replayed(int replayed) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a webhook", description = "Answers the signing secret once. The URL may not "
            + "be or resolve to a loopback, link-local, private or multicast address.")
    public Uni<Response> create(WebhookRequest request) {
        String tenantId = tenant.tenantId();
        URI url = validUrl(request == null ? null : request.url());
        if (request.eventTypes() != null) {
            Input.check().range("eventTypes", request.eventTypes().size(), 0, MAX_EVENT_TYPES)
                    .texts("eventTypes", request.eventTypes(), Input.NAME).done();
        }
        List<String> types = request.eventTypes() == null ? List.of()
                : request.eventTypes().stream().filter(t -> t != null && !t.isBlank()).map(String::trim).distinct()
                        .toList();
        String secret = "whsec_" + HexFormat.of().formatHex(bytes());
        return Uni.createFrom().item(() -> reachable(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(checked -> store.create(tenantId, checked, types, secret))
                .map(w -> Response.created(URI.create("/api/v1/webhooks/" + w.id()))
                        .entity(new CreatedWebhook(w.id(), w.url(), w.eventTypes(), w.createdAt(), secret)).build());
    }

    @GET
    @Operation(summary = "List the tenant's webhooks")
    public Uni<List<Webhook>> list() {
        return store.list(tenant.tenantId());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a webhook and its pending deliveries")
    public Uni<Response> delete(@PathParam("id") String id) {
        return store.delete(tenant.tenantId(), uuid(id)).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("No webhook " + id + ".");
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/dead-letters")
    @Operation(summary = "Deliveries that failed every attempt")
    public Uni<List<DeadLetter>> deadLetters() {
        return store.deadLetters(tenant.tenantId());
    }

    @POST
    @Path("/dead-letters/{id}/replay")
    @Operation(summary = "Deliver one dead letter again")
    public Uni<Replayed> replay(@PathParam("id") String id) {
        return store.replay(tenant.tenantId(), uuid(id)).map(count -> {
            if (count == 0) {
                throw ProblemException.notFound("No dead letter " + id + ".");
            }
            return new Replayed(count);
        });
    }

    @POST
    @Path("/dead-letters/replay")
    @Operation(summary = "Deliver every dead letter again")
    public Uni<Replayed> replayAll() {
        return store.replay(tenant.tenantId(), null).map(Replayed::new);
    }

    private static byte[] bytes() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return secret;
    }

    static URI validUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.badRequest("url is required.");
        }
        if (url.length() > 2048) {
            throw ProblemException.badRequest("url must be at most 2048 characters.");
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return uri;
            }
        } catch (Exception e) {
            // answered below
        }
        throw ProblemException.badRequest("url must be an absolute http or https URL.");
    }

    /**
     * Refuses a URL whose host is, or now resolves to, an address webhooks may not reach (blocking: runs on a worker).
     * A host that does not resolve yet is accepted; every delivery checks again.
     */
    private String reachable(URI url) {
        try {
            addresses.checkLiteral(url.getHost());
            addresses.resolve(url.getHost());
        } catch (WebhookAddresses.ForbiddenAddressException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (java.net.UnknownHostException e) {
            // not resolvable today: checked again before each delivery
        }
        return url.toString();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Nothing with id " + id + ".");
        }
    }
}
