package io.switchboard.callback.ameyo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Text;

/**
 * The Ameyo CallBack APIs: list and delete scheduled callbacks, with a {@code sessionId} header from
 * {@code POST /ameyorestapi/voice/sessions}. Errors keep Ameyo's own shape ({@link AmeyoError}).
 */
@Path("/ameyorestapi/voice")
@Tag(name = "Ameyo (compatibility)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AmeyoResource {

    /** 9999-12-31T23:59:59.999Z: later times are refused, not stored or compared. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    private final AmeyoSessions sessions;
    private final AmeyoCallbacks callbacks;
    private final AmeyoConfig config;
    private final ObjectMapper mapper;

    public AmeyoResource(AmeyoSessions sessions, AmeyoCallbacks callbacks, AmeyoConfig config, ObjectMapper mapper) {
        this.sessions = sessions;
        this.callbacks = callbacks;
        this.config = config;
        this.mapper = mapper;
    }

    /** {@code expiresAt} in epoch milliseconds, like every Ameyo time. */
    public record SessionOpened(String sessionId, long expiresAt) {
    }

    @POST
    @Path("/sessions")
    @Operation(summary = "Open a session", description = "Body {\"company\": \"1\", \"password\": \"...\"}: the tenant's legacy credentials. Answers the sessionId to send in the sessionId header.")
    public Uni<SessionOpened> openSession(String body) {
        JsonNode json = parse(body);
        if (Text.hasNul(text(json, "company"), text(json, "password"))) {
            throw AmeyoError.badRequest("company and password may not contain NUL characters.",
                    "CallBackManager.invalid.request", null);
        }
        return sessions.open(text(json, "company"), text(json, "password")).map(session -> {
            if (session == null) {
                throw AmeyoError.unauthorized("Invalid company or password.");
            }
            return new SessionOpened(session.sessionId(), session.expiresAt().toInstant().toEpochMilli());
        });
    }

    @POST
    @Path("/customerCallbacks/getFiltered")
    @Operation(summary = "List scheduled callbacks", description = "Parameters in the query string (as the seed) or a JSON body: limit (required, at most 100), campaignId (the service queue), offset, info, fromDateAdded, toDateAdded, fromDateScheduled, toDateScheduled (epoch ms), userIds.")
    public Uni<List<AmeyoCallbacks.CustomerCallback>> getFiltered(@HeaderParam("sessionId") String sessionId,
            @QueryParam("limit") String limit, @QueryParam("campaignId") String campaignId,
            @QueryParam("offset") String offset, @QueryParam("info") String info,
            @QueryParam("fromDateAdded") String fromDateAdded, @QueryParam("toDateAdded") String toDateAdded,
            @QueryParam("fromDateScheduled") String fromDateScheduled,
            @QueryParam("toDateScheduled") String toDateScheduled, @QueryParam("userIds") List<String> userIds,
            String body) {
        JsonNode json = parse(body);
        Long requestedLimit = number("limit", limit, json);
        if (requestedLimit == null || requestedLimit < 1) {
            throw AmeyoError.badRequest("limit is required and must be at least 1.", "CallBackManager.invalid.limit",
                    requestedLimit == null ? null : requestedLimit.toString());
        }
        Long skip = number("offset", offset, json);
        if (skip != null && (skip < 0 || skip > Integer.MAX_VALUE)) {
            throw AmeyoError.badRequest("offset must be 0 to " + Integer.MAX_VALUE + ".",
                    "CallBackManager.invalid.offset", skip.toString());
        }
        for (String name : List.of("fromDateAdded", "toDateAdded", "fromDateScheduled", "toDateScheduled")) {
            Long at = number(name, null, json);
            Long fromQuery = switch (name) {
                case "fromDateAdded" -> number(name, fromDateAdded, json);
                case "toDateAdded" -> number(name, toDateAdded, json);
                case "fromDateScheduled" -> number(name, fromDateScheduled, json);
                default -> number(name, toDateScheduled, json);
            };
            Long value = fromQuery != null ? fromQuery : at;
            if (value != null && (value < 0 || value > MAX_EPOCH_MILLIS)) {
                throw AmeyoError.badRequest(
                        name + " must be epoch milliseconds between 0 and " + MAX_EPOCH_MILLIS + ".",
                        "CallBackManager.invalid." + name, value.toString());
            }
        }
        var filter = new AmeyoCallbacks.Filter((int) Math.min(requestedLimit, config.maxLimit()),
                skip == null ? 0 : skip.intValue(), number("campaignId", campaignId, json),
                flag(info != null ? info : text(json, "info")), number("fromDateAdded", fromDateAdded, json),
                number("toDateAdded", toDateAdded, json), number("fromDateScheduled", fromDateScheduled, json),
                number("toDateScheduled", toDateScheduled, json), userIds(userIds, json));
        return withSession(sessionId, tenant -> callbacks.filtered(tenant, filter));
    }

    @DELETE
    // Any id, the empty one included: an Ameyo client gets Ameyo's "no such callback" for it, not the framework's 404.
    @Path("/customerCallbacks/{customerCallbackId: .*}")
    @Operation(summary = "Delete a scheduled callback", description = "Answers \"OK\", or Ameyo's error body with status 512 when there is no such scheduled callback.")
    public Uni<String> delete(@HeaderParam("sessionId") String sessionId,
            @PathParam("customerCallbackId") String customerCallbackId) {
        if (Text.hasNul(customerCallbackId)) {
            return withSession(sessionId, tenant -> Uni.createFrom()
                    .failure(AmeyoError.unknownCallback(customerCallbackId.replace('\u0000', ' '))));
        }
        return withSession(sessionId, tenant -> callbacks.delete(tenant, customerCallbackId).replaceWith("\"OK\""));
    }

    @ServerExceptionMapper
    public Response ameyoError(AmeyoError error) {
        return Response.status(error.body().status()).type(MediaType.APPLICATION_JSON).entity(error.body()).build();
    }

    private <T> Uni<T> withSession(String sessionId, Function<String, Uni<T>> work) {
        if (Text.hasNul(sessionId)) {
            return Uni.createFrom().failure(AmeyoError.unauthorized("A valid sessionId header is required."));
        }
        return sessions.tenantOf(sessionId).flatMap(tenant -> {
            if (tenant == null) {
                return Uni.createFrom().failure(AmeyoError.unauthorized("A valid sessionId header is required."));
            }
            return work.apply(tenant);
        });
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw AmeyoError.badRequest("The request body is not valid JSON.", "CallBackManager.invalid.request", null);
        }
    }

    /** A value of the body, matched ignoring case like the other compatibility APIs; null when absent. */
    private static String text(JsonNode json, String name) {
        for (var fields = json.fields(); fields.hasNext();) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase(name) && !field.getValue().isNull()) {
                return field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString();
            }
        }
        return null;
    }

    private static Long number(String name, String fromQuery, JsonNode json) {
        String value = fromQuery != null ? fromQuery : text(json, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw AmeyoError.badRequest(name + " must be a number, not " + value + ".",
                    "CallBackManager.invalid." + name, value);
        }
    }

    private static Boolean flag(String value) {
        return value == null || value.isBlank() ? null : Boolean.valueOf(value.trim());
    }

    /** userIds may repeat ({@code userIds=a&userIds=b}), be comma-separated, or be a JSON array in the body. */
    private static List<String> userIds(List<String> fromQuery, JsonNode json) {
        List<String> ids = new ArrayList<>();
        if (fromQuery != null && !fromQuery.isEmpty()) {
            fromQuery.forEach(value -> ids.addAll(Arrays.asList(value.split(","))));
        } else {
            JsonNode node = null;
            for (var fields = json.fields(); fields.hasNext();) {
                var field = fields.next();
                if (field.getKey().equalsIgnoreCase("userIds")) {
                    node = field.getValue();
                }
            }
            if (node != null && node.isArray()) {
                node.forEach(id -> ids.add(id.asText()));
            } else if (node != null && node.isTextual()) {
                ids.addAll(Arrays.asList(node.asText().split(",")));
            }
        }
        List<String> trimmed = ids.stream().map(String::trim).filter(id -> !id.isEmpty()).toList();
        if (trimmed.stream().anyMatch(id -> id.indexOf('\u0000') >= 0)) {
            throw AmeyoError.badRequest("userIds may not contain NUL characters.", "CallBackManager.invalid.userIds",
                    null);
        }
        return trimmed;
    }
}
