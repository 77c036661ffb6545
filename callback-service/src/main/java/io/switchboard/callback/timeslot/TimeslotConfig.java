package io.switchboard.callback.timeslot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How far ahead slots are offered. */
@ConfigMapping(prefix = "switchboard.callback.timeslots")
public interface TimeslotConfig {

    /** Days searched, from the requested day, for the next free slots (GetNextThreeTimeSlots). */
    @WithDefault("31")
    int searchDays();
}
