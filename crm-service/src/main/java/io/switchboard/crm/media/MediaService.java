package io.switchboard.crm.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.common.ids.PlatformIds;
import io.switchboard.crm.CrmConfig;

/**
 * Recordings and voicemails: bytes in the {@link MediaStorage}, metadata in {@code media}. An upload is streamed to a
 * temporary file (never held in memory) and refused as soon as it passes the size limit; a deletion keeps the record
 * and removes the bytes, and bytes whose removal failed are removed later by {@link MediaPurger}.
 */
@ApplicationScoped
public class MediaService {

    private static final Duration DB_WAIT = Duration.ofSeconds(10);

    private final MediaRepository media;
    private final MediaStorage storage;
    private final PlatformIds ids;
    private final CrmConfig config;

    public MediaService(MediaRepository media, MediaStorage storage, PlatformIds ids, CrmConfig config) {
        this.media = media;
        this.storage = storage;
        this.ids = ids;
        this.config = config;
    }

    /**
     * Stores an upload. Blocking: call it on a worker thread.
     *
     * @throws MediaTooLargeException
     *             when the body passes the limit
     */
    public Media register(String tenantId, String type, long activityId, Integer durationSeconds, String contentType,
            InputStream body, String createdBy) throws IOException {
        long limit = config.media().maxBytes();
        Path temp = Files.createTempFile("switchboard-media-", ".upload");
        try {
            long size = copy(body, temp, limit);
            long id = ids.next().await().atMost(DB_WAIT);
            String key = tenantId + "/" + id;
            storage.put(key, temp, contentType);
            try {
                return media.insert(new Media(id, tenantId, type, activityId, durationSeconds, contentType, size, key,
                        null, null, null, null), createdBy).await().atMost(DB_WAIT);
            } catch (RuntimeException e) {
                deleteQuietly(key);
                throw e;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The bytes of stored media, streamed. Blocking. */
    public InputStream open(Media m) throws IOException {
        return storage.get(m.storageKey());
    }

    public Uni<Media> find(String tenantId, long id) {
        return media.find(tenantId, id);
    }

    /** Marks the media deleted and removes its bytes; the record stays. Idempotent. */
    public Uni<Media> delete(String tenantId, long id, String deletedBy, String reason) {
        return media.markDeleted(tenantId, id, deletedBy, reason)
                .call(m -> m == null ? Uni.createFrom().voidItem() : removeBytes(List.of(m)));
    }

    /** Removes the bytes of media already marked deleted, and forgets their keys; failures are left to the purger. */
    public Uni<Void> removeBytes(List<Media> deleted) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Media m : deleted) {
            if (m.storageKey() == null) {
                continue;
            }
            chain = chain.call(() -> Uni.createFrom().item(() -> {
                try {
                    storage.delete(m.storageKey());
                    return true;
                } catch (IOException | RuntimeException e) {
                    Log.warnf("Could not remove the bytes of media %d yet (%s); retried later", m.id(), e.toString());
                    return false;
                }
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .call(removed -> removed ? media.bytesGone(m.id(), m.storageKey()) : Uni.createFrom().voidItem()));
        }
        return chain;
    }

    private static long copy(InputStream in, Path target, long limit) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                total += read;
                if (total > limit) {
                    throw new MediaTooLargeException(limit);
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key);
        } catch (IOException | UncheckedIOException e) {
            Log.warnf("Could not remove orphan media bytes %s: %s", key, e.toString());
        }
    }
}
