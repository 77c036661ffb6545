package io.switchboard.lead.bulk;

/** Rows in the text format of Postgres' {@code COPY ... FROM STDIN}: tab-separated, {@code \N} for null, escaped. */
final class CopyText {

    private CopyText() {
    }

    static void row(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            value(out, values[i]);
        }
        out.append('\n');
    }

    static void value(StringBuilder out, String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
