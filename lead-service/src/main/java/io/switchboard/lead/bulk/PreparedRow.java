package io.switchboard.lead.bulk;

import java.util.List;

import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.lead.lead.NewLead;

/**
 * A row after the lead rules: a lead to write, or the reasons it is rejected.
 *
 * @param lead
 *            null when the row is rejected
 */
record PreparedRow(long rowNo, NewLead lead, List<FieldError> errors) {
}
