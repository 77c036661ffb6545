package io.switchboard.callback;

/** Checks on text from callers before it reaches Postgres. */
public final class Text {

    private Text() {
    }

    /** True when any value holds a NUL character, which Postgres text cannot store. */
    public static boolean hasNul(String... values) {
        for (String value : values) {
            if (value != null && value.indexOf('\u0000') >= 0) {
                return true;
            }
        }
        return false;
    }
}
