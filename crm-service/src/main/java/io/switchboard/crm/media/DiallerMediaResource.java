package io.switchboard.crm.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.problem.ProblemExceptionMappers;
import io.switchboard.common.tenancy.TenantContext;

/** Diallers register recordings and voicemails: the audio bytes are the request body. */
@Path("/api/v1/dialler/media")
@Tag(name = "Dialler")
@RolesAllowed(DiallerMediaResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class DiallerMediaResource {

    public static final String SCOPE = "switchboard.dialler";

    private final MediaService media;
    private final TenantContext tenant;
    private final JsonWebToken token;

    public DiallerMediaResource(MediaService media, TenantContext tenant, JsonWebToken token) {
        this.media = media;
        this.tenant = tenant;
        this.token = token;
    }

    public record Registered(long mediaId, String mediaUri) {
    }

    @POST
    @Blocking
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Register a recording or voicemail", description = "type=recording|voicemail, activityId (the"
            + " call's activity), duration in seconds; the body is the audio with its audio/* content type, streamed"
            + " to storage, at most switchboard.crm.media.max-bytes (413 beyond).")
    public Response register(@QueryParam("type") String type, @QueryParam("activityId") Long activityId,
            @QueryParam("duration") Integer duration, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) throws IOException {
        String tenantId = tenant.tenantId();
        String kind = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        if (!kind.equals(Media.RECORDING) && !kind.equals(Media.VOICEMAIL)) {
            throw ProblemException.badRequest("type must be recording or voicemail.");
        }
        if (activityId == null || activityId <= 0) {
            throw ProblemException.badRequest("activityId is required: the activity of the call the media belongs to.");
        }
        if (duration != null && duration < 0) {
            throw ProblemException.badRequest("duration is a number of seconds, 0 or more.");
        }
        String mediaType = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (!mediaType.startsWith("audio/")) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the bytes with their audio content type, e.g. audio/wav or audio/mpeg.");
        }
        Media stored = media.register(tenantId, kind, activityId, duration, contentType.trim(), body,
                token.getSubject());
        return Response.created(URI.create(stored.uri())).entity(new Registered(stored.id(), stored.uri())).build();
    }

    @ServerExceptionMapper
    public Response tooLarge(MediaTooLargeException e, jakarta.ws.rs.core.UriInfo uri) {
        return ProblemExceptionMappers
                .respond(new ProblemException(413, "media-too-large", "Content Too Large", e.getMessage())
                        .toProblem(uri.getPath()));
    }
}
