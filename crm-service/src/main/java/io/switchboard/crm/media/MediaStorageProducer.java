package io.switchboard.crm.media;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.logging.Log;
import io.switchboard.crm.CrmConfig;

/** Chooses the media store from {@code switchboard.crm.media.storage}. */
public class MediaStorageProducer {

    @Produces
    @ApplicationScoped
    MediaStorage storage(CrmConfig config) {
        CrmConfig.Media media = config.media();
        return switch (media.storage().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "filesystem" -> {
                Log.infof("Media bytes are stored under %s", media.directory());
                yield new FilesystemMediaStorage(Path.of(media.directory()));
            }
            case "s3" -> {
                CrmConfig.Media.S3 s3 = media.s3();
                Log.infof("Media bytes are stored in S3 bucket %s at %s", s3.bucket(), s3.endpoint().orElse("AWS"));
                yield new S3MediaStorage(s3.endpoint().orElse(null), s3.region(), s3.bucket(), s3.pathStyle(),
                        s3.accessKeyId().orElse(null), s3.secretAccessKey().orElse(null));
            }
            default -> throw new IllegalStateException(
                    "switchboard.crm.media.storage must be filesystem or s3, not " + media.storage());
        };
    }
}
