package io.switchboard.crm.media;

import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.crm.activity.PlatformDates;
import io.switchboard.crm.tenant.TenantSettingsRepository;

/** Platform API v3.0 media: download, voicemail and recording metadata, deletion with a reason. */
@Path("/platform-api/v3.0/media/{mediaId}")
@Tag(name = "Platform API v3.0")
@RolesAllowed(PlatformMediaResource.SCOPE)
public class PlatformMediaResource {

    public static final String SCOPE = "platform-api";

    private final MediaService media;
    private final TenantSettingsRepository settings;
    private final TenantContext tenant;
    private final JsonWebToken token;
    private final ObjectMapper mapper;

    public PlatformMediaResource(MediaService media, TenantSettingsRepository settings, TenantContext tenant,
            JsonWebToken token, ObjectMapper mapper) {
        this.media = media;
        this.settings = settings;
        this.tenant = tenant;
        this.token = token;
        this.mapper = mapper;
    }

    /** The seed's metadata; the deletion fields appear once the media is deleted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MediaMetadata(long mediaId, String mediaUri, Integer duration, Boolean deleted,
            String deletedTimestamp, Object deletedBy, String deletionReason) {
    }

    // Read with the ObjectMapper in our own code (any content type), not by RESTEasy: register it for a native build.
    @RegisterForReflection
    public record DeleteBody(String reason) {
    }

    private DeleteBody readDeleteBody(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return mapper.readValue(raw, DeleteBody.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("The body is not the JSON object {\"reason\": \"...\"}.");
        }
    }

    @GET
    @Blocking
    @Produces({ "audio/*", MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON })
    @Operation(summary = "Download media file", description = "The bytes with the content type they were registered"
            + " with, streamed; 410 once deleted.")
    public Response download(@PathParam("mediaId") String mediaId) throws IOException {
        String tenantId = tenant.tenantId();
        Media m = media.find(tenantId, id(mediaId)).await().indefinitely();
        if (m == null) {
            throw notFound(mediaId);
        }
        if (m.deleted() || m.storageKey() == null) {
            throw new ProblemException(410, "media-deleted", "Gone",
                    "Media " + mediaId + " was deleted; its metadata remains at " + m.uri() + "/" + m.type() + ".");
        }
        InputStream bytes = media.open(m);
        return Response.ok(bytes, m.contentType()).header(HttpHeaders.CONTENT_LENGTH, m.sizeBytes()).build();
    }

    @GET
    @Path("/voicemail")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get voicemails metadata")
    public Uni<MediaMetadata> voicemail(@PathParam("mediaId") String mediaId) {
        return metadata(mediaId, Media.VOICEMAIL);
    }

    @GET
    @Path("/recording")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get Recording metadata")
    public Uni<MediaMetadata> recording(@PathParam("mediaId") String mediaId) {
        return metadata(mediaId, Media.RECORDING);
    }

    @DELETE
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete media", description = "reason as a query parameter or {\"reason\"} body; removes the"
            + " bytes and keeps the record, whose metadata then says who deleted it, when and why. deletedBy is the"
            + " caller's user id (the token's subject, a number when it is one).")
    public Uni<MediaMetadata> delete(@PathParam("mediaId") String mediaId, @QueryParam("reason") String reasonParam,
            String rawBody) {
        // The body is optional (the reason may come as a parameter): an empty one is no body, not an unreadable one.
        DeleteBody body = readDeleteBody(rawBody);
        String tenantId = tenant.tenantId();
        String reason = reasonParam != null && !reasonParam.isBlank() ? reasonParam.trim()
                : body != null && body.reason() != null && !body.reason().isBlank() ? body.reason().trim() : null;
        if (reason == null) {
            throw ProblemException.badRequest("A reason is required: ?reason=... or {\"reason\": \"...\"}.");
        }
        Input.check().text("reason", reason, 1000).done();
        long id = id(mediaId);
        return settings.find(tenantId).flatMap(s -> media.delete(tenantId, id, token.getSubject(), reason).map(m -> {
            if (m == null) {
                throw notFound(mediaId);
            }
            return view(m, s.zone());
        }));
    }

    private Uni<MediaMetadata> metadata(String mediaId, String type) {
        String tenantId = tenant.tenantId();
        long id = id(mediaId);
        return settings.find(tenantId).flatMap(s -> media.find(tenantId, id).map(m -> {
            if (m == null || !m.type().equals(type)) {
                throw ProblemException.notFound("No " + type + " " + mediaId + ".");
            }
            return view(m, s.zone());
        }));
    }

    static MediaMetadata view(Media m, java.time.ZoneId zone) {
        if (!m.deleted()) {
            return new MediaMetadata(m.id(), m.uri(), m.durationSeconds(), null, null, null, null);
        }
        return new MediaMetadata(m.id(), m.uri(), m.durationSeconds(), true, PlatformDates.format(m.deletedAt(), zone),
                userId(m.deletedBy()), m.deletionReason());
    }

    /** A numeric user id as a number, as the seed shows it; any other subject as it is. */
    static Object userId(String subject) {
        if (subject != null && subject.matches("\\d{1,18}")) {
            return Long.parseLong(subject);
        }
        return subject;
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw notFound(raw);
        }
    }

    private static ProblemException notFound(String mediaId) {
        return ProblemException.notFound("No media " + mediaId + ".");
    }
}
