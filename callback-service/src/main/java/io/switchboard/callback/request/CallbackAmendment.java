package io.switchboard.callback.request;

import java.util.List;

/**
 * A change to a waiting callback; absent values stay as they are.
 *
 * @param fields
 *            replaces all ten fields when present
 * @param timeslot
 *            a new slot of a scheduled callback (with {@code date}, or on the same day)
 * @param date
 *            a new day of a scheduled callback (with {@code timeslot}, or the same slot id)
 */
public record CallbackAmendment(String name, String phoneNo, String region, List<String> fields, Integer timeslot,
        String date) {
}
