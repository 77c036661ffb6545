package io.switchboard.callback.ameyo;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Ameyo-compatible callback API. */
@ConfigMapping(prefix = "switchboard.ameyo")
public interface AmeyoConfig {

    /** How long a session opened with POST /ameyorestapi/voice/sessions stays valid. */
    @WithDefault("8h")
    Duration sessionTtl();

    /** The most callbacks one getFiltered answers, whatever limit asks for (the seed's 100). */
    @WithDefault("100")
    int maxLimit();
}
