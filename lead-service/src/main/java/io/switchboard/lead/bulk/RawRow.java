package io.switchboard.lead.bulk;

import java.util.List;

import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.lead.lead.LeadFields;

/**
 * One row of an upload as read, before the lead rules.
 *
 * @param rowNo
 *            its place in the upload, from 1 (a CSV's header is not a row)
 * @param fields
 *            the lead it describes; null when the row could not be read as one
 * @param errors
 *            why it could not (then it is rejected without going further)
 */
record RawRow(long rowNo, LeadFields fields, List<FieldError> errors) {
}
