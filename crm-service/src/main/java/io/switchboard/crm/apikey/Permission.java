package io.switchboard.crm.apikey;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an API key may do: Read or Write on an area ({@code General:Read}). Write does not imply Read, as in
 * SwitchTransact, whose error names exactly the access a call needs.
 */
public record Permission(String area, Access access) {

    public enum Access {
        Read, Write
    }

    public static final Permission READ_GENERAL = new Permission("General", Access.Read);
    public static final Permission WRITE_GENERAL = new Permission("General", Access.Write);

    private static final Pattern FORMAT = Pattern.compile("\\s*([A-Za-z][A-Za-z0-9]*)\\s*:\\s*([A-Za-z]+)\\s*");

    /** Reads {@code Area:Access}, any case; null when it is not that. */
    public static Permission parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        String access = m.group(2).toLowerCase(Locale.ROOT);
        Access a = switch (access) {
            case "read" -> Access.Read;
            case "write" -> Access.Write;
            default -> null;
        };
        if (a == null) {
            return null;
        }
        String area = m.group(1);
        return new Permission(
                area.substring(0, 1).toUpperCase(Locale.ROOT) + area.substring(1).toLowerCase(Locale.ROOT), a);
    }

    @Override
    public String toString() {
        return area + ":" + access;
    }

    /** The seed's words for a missing permission: "Requesting Write on General." */
    public String requesting() {
        return "Requesting " + access + " on " + area + ".";
    }
}
