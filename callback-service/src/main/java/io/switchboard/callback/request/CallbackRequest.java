package io.switchboard.callback.request;

import java.util.List;

/**
 * A callback request in the shape of the Buzzeasy unified Callback API. JSON names are matched ignoring case, numbers
 * may arrive as strings; anything absent is null. Legacy facades build the same record.
 *
 * @param name
 *            the full name of the requestor
 * @param phoneNo
 *            E.164, or a national number read in {@code region}
 * @param fields
 *            up to ten optional values, stored as field1..field10
 * @param timeslot
 *            the template slot id (callType 2)
 * @param date
 *            the day of the scheduled call (callType 2)
 * @param callType
 *            1 = call when available, 2 = scheduled
 */
public record CallbackRequest(String name, String phoneNo, Long serviceQueue, String region, List<String> fields,
        Integer timeslot, String date, Integer callType) {
}
