package io.switchboard.notification.callback;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.switchboard.notification.NotificationConfig;
import io.vertx.core.http.HttpServerOptions;

/** Applies {@code switchboard.notification.live.socket-send-buffer} to the HTTP server (0: the OS decides). */
@ApplicationScoped
public class SendBufferCustomizer implements HttpServerOptionsCustomizer {

    private final NotificationConfig config;

    public SendBufferCustomizer(NotificationConfig config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        if (config.live().socketSendBuffer() > 0) {
            options.setSendBufferSize(config.live().socketSendBuffer());
        }
    }
}
