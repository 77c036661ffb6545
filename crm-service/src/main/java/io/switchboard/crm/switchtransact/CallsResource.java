package io.switchboard.crm.switchtransact;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.input.NoNulStrings;
import io.switchboard.common.problem.DependencyFailures;
import io.switchboard.crm.InvalidInputException;
import io.switchboard.crm.apikey.ApiKeyRejectedException;
import io.switchboard.crm.apikey.ApiKeyService;
import io.switchboard.crm.apikey.ApiKeyService.Caller;
import io.switchboard.crm.apikey.Permission;
import io.switchboard.crm.apikey.PermissionDeniedException;
import io.switchboard.crm.calllog.CallLogInput;
import io.switchboard.crm.calllog.CallLogService;
import io.switchboard.crm.contact.Contact;
import io.switchboard.crm.contact.ContactService;
import io.switchboard.crm.contact.NewContact;

/**
 * The SwitchTransact Calls API, exactly: API key in {@code X-Api-Key} (or {@code Authorization: Bearer <key>}), answers
 * {@code {"status": true, ...}} or {@code {"status": false[, "error": "..."]}}. Reads need Read on General, create and
 * log need Write on General.
 */
@Path("/calls")
@Tag(name = "SwitchTransact Calls API")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {

    /** The seed's bodies carry trailing commas; a client that copied them is still understood. */
    private final ObjectReader lenientJson;
    private final ApiKeyService keys;
    private final ContactService contacts;
    private final CallLogService callLogs;

    public CallsResource(ObjectMapper mapper, ApiKeyService keys, ContactService contacts, CallLogService callLogs) {
        this.lenientJson = mapper.reader().with(JsonReadFeature.ALLOW_TRAILING_COMMA);
        this.keys = keys;
        this.contacts = contacts;
        this.callLogs = callLogs;
    }

    @GET
    @Path("/record")
    @Operation(summary = "Get Record by Phone or by Email", description = "phone in any format (national numbers in"
            + " the tenant's default region) matches mobile, business and second business phones; email ignores case.")
    public Uni<Map<String, Object>> record(@QueryParam("phone") String phone, @QueryParam("email") String email,
            @HeaderParam("X-Api-Key") String apiKey, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        storable("phone", phone, Input.NAME);
        storable("email", email, Input.EMAIL);
        return keys.authorize(key(apiKey, authorization), Permission.READ_GENERAL).flatMap(caller -> {
            boolean byPhone = phone != null && !phone.isBlank();
            boolean byEmail = email != null && !email.isBlank();
            if (byPhone == byEmail) {
                throw new InvalidInputException("phone", "Give either phone or email.");
            }
            return byPhone ? contacts.findByPhone(caller.settings(), phone)
                    : contacts.findByEmail(caller.settings(), email);
        }).map(CallsResource::found);
    }

    @GET
    @Path("/autocomplete")
    @Operation(summary = "Get Record by Search terms", description = "The best record whose first name, last name,"
            + " company or e-mail starts with term, or one of whose phones starts with its digits.")
    public Uni<Map<String, Object>> autocomplete(@QueryParam("term") String term,
            @HeaderParam("X-Api-Key") String apiKey, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        storable("term", term, Input.NAME);
        return keys.authorize(key(apiKey, authorization), Permission.READ_GENERAL)
                .flatMap(caller -> contacts.autocomplete(caller.settings(), term)).map(CallsResource::found);
    }

    @POST
    @Path("/create")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create a Record", description = "firstname, lastname, phone (= mobilephone) and any of"
            + " customer_number, company, businessphone, businessphone2, email, entity_type (Account, Contact or Lead;"
            + " Contact when absent). Answers the fields given, status and the new id.")
    public Uni<Map<String, Object>> create(String body, @HeaderParam("X-Api-Key") String apiKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return keys.authorize(key(apiKey, authorization), Permission.WRITE_GENERAL).flatMap(caller -> {
            Map<String, JsonNode> given = fields(body, List.of("firstname", "lastname", "phone", "mobilephone",
                    "customer_number", "company", "businessphone", "businessphone2", "email", "entity_type"), false);
            Function<String, String> text = name -> text(name, given.get(name));
            String phone = text.apply("phone");
            String mobile = text.apply("mobilephone");
            if (phone != null && mobile != null && !phone.equals(mobile)) {
                throw new InvalidInputException("mobilephone",
                        "phone and mobilephone are the same field;" + " give one of them.");
            }
            NewContact contact = new NewContact(text.apply("firstname"), text.apply("lastname"),
                    text.apply("customer_number"), text.apply("company"), text.apply("businessphone"),
                    text.apply("businessphone2"), phone != null ? phone : mobile, text.apply("email"),
                    text.apply("entity_type"));
            return contacts.create(caller.settings(), contact).map(created -> {
                Map<String, Object> echo = new LinkedHashMap<>(given);
                echo.put("status", true);
                echo.put("id", created.id().toString());
                return echo;
            });
        });
    }

    @POST
    @Path("/log")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Create a Call Log", description = "CallType Inbound, Outbound, Missed or Notanswered;"
            + " DateTime dd-mm-yy hh:mm:ss; Duration, DurationTimespan, CallStartTimeLocal, CallEndTimeLocal hh:mm:ss;"
            + " local times in the tenant's zone. The log is also an activity (call.inbound, call.outbound, call.missed).")
    public Uni<Map<String, Object>> log(String body, @HeaderParam("X-Api-Key") String apiKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return keys.authorize(key(apiKey, authorization), Permission.WRITE_GENERAL).flatMap((Caller caller) -> {
            Map<String, JsonNode> given = fields(body,
                    List.of("CallType", "CallDirection", "Number", "Name", "EntityId", "EntityType", "AgentFirstName",
                            "AgentLastName", "AgentEmail", "Duration", "DurationTimespan", "DateTime",
                            "CallStartTimeLocal", "CallEndTimeLocal"),
                    true);
            Function<String, String> text = name -> text(name, given.get(name));
            CallLogInput input = new CallLogInput(text.apply("CallType"), text.apply("CallDirection"),
                    text.apply("Number"), text.apply("Name"), text.apply("EntityId"), text.apply("EntityType"),
                    text.apply("AgentFirstName"), text.apply("AgentLastName"), text.apply("AgentEmail"),
                    text.apply("Duration"), text.apply("DurationTimespan"), text.apply("DateTime"),
                    text.apply("CallStartTimeLocal"), text.apply("CallEndTimeLocal"));
            return callLogs.log(caller.settings(), input);
        }).map(activityId -> Map.of("status", true));
    }

    private static Map<String, Object> found(Contact contact) {
        if (contact == null) {
            return Map.of("status", false);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", true);
        body.put("contact", ContactView.of(contact));
        return body;
    }

    /** The key from X-Api-Key, or from a Bearer Authorization header. */
    static String key(String apiKey, String authorization) {
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }

    /**
     * The known fields of a JSON object body, in the order given, keyed by their documented names (matched ignoring
     * case when {@code ignoreCase}); unknown fields are ignored.
     */
    private Map<String, JsonNode> fields(String body, List<String> known, boolean ignoreCase) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : lenientJson.readTree(body);
        } catch (NoNulStrings.UnstorableText e) {
            throw new InvalidInputException("body",
                    "The body contains the NUL character (\\u0000), which cannot be stored.");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "The body is not valid JSON.");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException("body", "The body must be a JSON object.");
        }
        Map<String, JsonNode> given = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            for (String name : known) {
                if (ignoreCase ? name.equalsIgnoreCase(field.getKey()) : name.equals(field.getKey())) {
                    given.put(name, field.getValue());
                }
            }
        }
        return given;
    }

    private static String text(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isNumber()) {
            return storable(field, value.asText(), Input.TEXT);
        }
        throw new InvalidInputException(field, field + " must be a string.");
    }

    /**
     * Refuses (400 in the seed's shape) what Postgres cannot store: a NUL character, or more than {@code max}
     * characters.
     */
    private static String storable(String field, String value, int max) {
        String problem = Input.textProblem(value, max);
        if (problem != null) {
            throw new InvalidInputException(field, field + " " + problem);
        }
        return value;
    }

    /** The seed's error body. */
    public record Failure(boolean status, String error) {

        static Response of(int httpStatus, String error) {
            return Response.status(httpStatus).type(MediaType.APPLICATION_JSON).entity(new Failure(false, error))
                    .build();
        }
    }

    @ServerExceptionMapper
    public Response rejected(ApiKeyRejectedException e) {
        return Failure.of(401, e.getMessage());
    }

    @ServerExceptionMapper
    public Response denied(PermissionDeniedException e) {
        return Failure.of(403, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) {
        return Failure.of(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String error = switch (status) {
            case 404 -> "No such API call.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "Only application/json answers are available.";
            default -> Response.Status.fromStatusCode(status) == null ? "The request failed."
                    : Response.Status.fromStatusCode(status).getReasonPhrase() + ".";
        };
        return Failure.of(status, error);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (DependencyFailures.isUnavailable(e)) {
            Log.warnf("Dependency unavailable while serving a SwitchTransact call: %s", e.toString());
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, DependencyFailures.RETRY_AFTER_SECONDS)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new Failure(false, "The service is unavailable; nothing was changed. Try again shortly."))
                    .build();
        }
        Log.errorf(e, "Unexpected failure serving a SwitchTransact call");
        return Failure.of(500, "The request could not be completed; it has been logged.");
    }
}
