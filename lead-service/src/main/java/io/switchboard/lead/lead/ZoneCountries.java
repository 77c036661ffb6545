package io.switchboard.lead.lead;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The country of an IANA time zone (the tz database's {@code zone.tab}), so that a lead's numbers are read in the
 * country it lives in: {@code Australia/Sydney} → {@code AU}. Zones of no one country ({@code UTC}, {@code Etc/*}) have
 * none.
 */
public final class ZoneCountries {

    private static final Map<String, String> COUNTRIES = load();

    private ZoneCountries() {
    }

    /** @return the ISO 3166 country code, or null */
    public static String countryOf(String zone) {
        return zone == null ? null : COUNTRIES.get(zone);
    }

    private static Map<String, String> load() {
        Map<String, String> map = new HashMap<>();
        try (InputStream in = ZoneCountries.class.getResourceAsStream("/tz/zone-countries.tab")) {
            if (in == null) {
                throw new IllegalStateException("tz/zone-countries.tab is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t");
                map.put(parts[1].trim(), parts[0].trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(map);
    }
}
