package io.switchboard.common.erasure;

import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Part of every service's answer to an erasure request: the outbox keeps events for a week after publishing them
 * (troubleshooting, {@code switchboard.outbox.retention-hours}), and events name phone numbers and addresses. This
 * redacts every occurrence in the service's own {@code outbox_event} rows, published or not, on the erasure's
 * transaction; an event still waiting is published redacted rather than dropped, so consumers keep their sequence.
 */
public final class OutboxErasure {

    /** What an erased value reads as afterwards. */
    public static final String REDACTED = "[erased]";

    private OutboxErasure() {
    }

    /**
     * @param phoneNumbers
     *            E.164 numbers, matched exactly
     * @param emailAddresses
     *            addresses, matched ignoring case
     *
     * @return the number of outbox rows changed
     */
    public static Uni<Long> redact(SqlClient tx, List<String> phoneNumbers, List<String> emailAddresses) {
        Uni<Long> total = Uni.createFrom().item(0L);
        for (String number : phoneNumbers) {
            if (number != null && !number.isBlank()) {
                total = total.flatMap(sum -> tx
                        .preparedQuery("UPDATE outbox_event SET payload = replace(payload, $1, $2)"
                                + " WHERE strpos(payload, $1) > 0")
                        .execute(Tuple.of(number, REDACTED)).map(rows -> sum + rows.rowCount()));
            }
        }
        for (String address : emailAddresses) {
            if (address != null && !address.isBlank()) {
                String literal = literalPattern(address);
                total = total.flatMap(sum -> tx
                        .preparedQuery("UPDATE outbox_event SET payload = regexp_replace(payload, $1, $2, 'gi')"
                                + " WHERE payload ~* $1")
                        .execute(Tuple.of(literal, REDACTED)).map(rows -> sum + rows.rowCount()));
            }
        }
        return total;
    }

    /** A Postgres regular expression matching the text literally: every non-alphanumeric character escaped. */
    static String literalPattern(String text) {
        StringBuilder pattern = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                pattern.append('\\');
            }
            pattern.appendCodePoint(c);
        });
        return pattern.toString();
    }
}
