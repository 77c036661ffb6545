package io.switchboard.crm.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.crm.CrmConfig;
import io.vertx.mutiny.core.Vertx;

/**
 * Removes the bytes of deleted media that are still in the store: a removal that failed while the store was
 * unreachable, or one a crash cut short after the deletion committed.
 */
@ApplicationScoped
public class MediaPurger {

    private final MediaRepository media;
    private final MediaService service;
    private final Vertx vertx;
    private final CrmConfig config;

    public MediaPurger(MediaRepository media, MediaService service, Vertx vertx, CrmConfig config) {
        this.media = media;
        this.service = service;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        vertx.setPeriodic(config.media().purgeInterval().toMillis(), tick -> purge());
    }

    void purge() {
        media.bytesToDelete(100).flatMap(service::removeBytes).subscribe().with(ignored -> {
        }, failure -> Log.debugf("Media purge did not run: %s", failure.toString()));
    }
}
