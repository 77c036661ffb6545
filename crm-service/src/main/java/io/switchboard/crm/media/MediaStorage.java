package io.switchboard.crm.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where media bytes live. Blocking: called on worker threads only. Implementations: {@link FilesystemMediaStorage}
 * (local), {@link S3MediaStorage} (any S3-compatible store), chosen by {@code switchboard.crm.media.storage}.
 */
public interface MediaStorage {

    /** Stores the file's bytes under the key (replacing any), moving or copying the file. */
    void put(String key, Path file, String contentType) throws IOException;

    /** The bytes under the key, streamed; the caller closes the stream. */
    InputStream get(String key) throws IOException;

    /** Removes the bytes under the key; nothing happens when there are none. */
    void delete(String key) throws IOException;
}
