package io.switchboard.lead.lead;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.common.phone.PhoneNumbers;
import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.lead.LeadConfig;
import io.switchboard.lead.PlatformDates;

/**
 * The one place a lead is validated and normalised, whichever way it arrives: {@code POST /platform-api/v3.0/leads},
 * {@code PATCH .../leads/{id}}, the Buzzeasy Campaign API's contacts, and every row of a JSON or CSV bulk import.
 * <p>
 * Phones are read with common's {@link PhoneNumbers} and kept in E.164; a number not already in E.164 form is read in
 * the country of the lead's time zone, else of its campaign's, else the tenant's default region. Every violation is
 * reported with the field it concerns, so that an API answers a 400 naming it and an import lists it on its error
 * pages.
 * </p>
 */
@ApplicationScoped
public class LeadRules {

    public static final int MAX_CUSTOMER_KEY = 255;
    public static final int MAX_LEAD_DATA_CHARS = 65_536;
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final String defaultRegion;
    private final ObjectMapper mapper;
    private final Map<String, ZoneId> zones = new ConcurrentHashMap<>();

    public LeadRules(LeadConfig config, ObjectMapper mapper) {
        this.defaultRegion = config.defaultRegion();
        this.mapper = mapper;
    }

    /** Where a lead goes: its list and the list's campaign (the campaign's zone may be unknown: null). */
    public record Target(long listId, long campaignId, String campaignTimeZone) {
    }

    /**
     * The list a lead names.
     *
     * @return the list id, or null after adding a violation
     */
    public Long listId(String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError("listId", "listId is required."));
            return null;
        }
        Long id = positiveLong("listId", raw, errors);
        return id;
    }

    /**
     * Validates and normalises a lead bound for {@code target}.
     *
     * @param region
     *            the region the client named for its numbers (the Campaign API's {@code region}), or null
     *
     * @return the lead, or null when {@code errors} received at least one violation
     */
    public NewLead normalise(LeadFields f, Target target, String region, List<FieldError> errors) {
        int before = errors.size();
        String customerKey = trimToNull(f.customerKey());
        if (customerKey != null && customerKey.length() > MAX_CUSTOMER_KEY) {
            errors.add(new FieldError("customerKey", "customerKey is at most " + MAX_CUSTOMER_KEY + " characters."));
        } else if (customerKey != null && customerKey.indexOf('\u0000') >= 0) {
            errors.add(new FieldError("customerKey", "customerKey may not contain NUL characters."));
        }
        String timezone = trimToNull(f.timezone());
        ZoneId zone = null;
        if (timezone != null) {
            zone = zone(timezone);
            if (zone == null) {
                errors.add(new FieldError("timezone",
                        "timezone must be an IANA time zone such as Europe/London, not '" + timezone + "'."));
            }
        }
        String phoneRegion = phoneRegion(region, zone == null ? null : timezone, target.campaignTimeZone());
        String phone1 = phone("phone1", f.phone1(), phoneRegion, errors);
        String phone2 = phone("phone2", f.phone2(), phoneRegion, errors);
        String phone3 = phone("phone3", f.phone3(), phoneRegion, errors);
        OffsetDateTime next = null;
        if (f.nextAttemptTimestamp() != null && !f.nextAttemptTimestamp().isBlank()) {
            ZoneId readIn = zone != null ? zone
                    : target.campaignTimeZone() != null ? zone(target.campaignTimeZone()) : null;
            next = PlatformDates.parse(f.nextAttemptTimestamp(), readIn != null ? readIn : ZoneId.of("UTC"));
            if (next == null) {
                errors.add(new FieldError("nextAttemptTimestamp",
                        "nextAttemptTimestamp must be an ISO 8601 date-time such as 2019-08-24T14:15:22Z."));
            }
        }
        String leadData = leadData(f.leadData(), errors);
        Integer statusCode = null;
        if (f.statusCode() != null && !f.statusCode().isBlank()) {
            try {
                statusCode = Integer.parseInt(f.statusCode().trim());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("statusCode", "statusCode must be an integer."));
            }
        }
        Long agentId = f.agentId() == null || f.agentId().isBlank() ? null
                : positiveLong("agentId", f.agentId(), errors);
        if (errors.size() > before) {
            return null;
        }
        return new NewLead(target.listId(), target.campaignId(), customerKey, zone == null ? null : timezone, phone1,
                phone2, phone3, next, leadData, statusCode, agentId);
    }

    /** The region numbers are read in: the client's, else the lead's zone's country, else the campaign's, else ours. */
    String phoneRegion(String clientRegion, String leadZone, String campaignZone) {
        String region = PhoneNumbers.normaliseRegion(clientRegion);
        if (region == null) {
            region = PhoneNumbers.normaliseRegion(ZoneCountries.countryOf(leadZone));
        }
        if (region == null) {
            region = PhoneNumbers.normaliseRegion(ZoneCountries.countryOf(campaignZone));
        }
        return region != null ? region : defaultRegion;
    }

    private static String phone(String field, String raw, String region, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var e164 = PhoneNumbers.toE164(raw, region);
        if (e164.isEmpty()) {
            errors.add(new FieldError(field, field + " is invalid and cannot be formatted as a phone number."));
            return null;
        }
        return e164.get();
    }

    private String leadData(JsonNode data, List<FieldError> errors) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return "{}";
        }
        if (!data.isObject()) {
            errors.add(new FieldError("leadData", "leadData must be a JSON object."));
            return null;
        }
        try {
            String json = mapper.writeValueAsString(data);
            if (json.length() > MAX_LEAD_DATA_CHARS) {
                errors.add(new FieldError("leadData", "leadData is at most " + MAX_LEAD_DATA_CHARS + " characters."));
                return null;
            }
            if (json.contains("\\u0000")) {
                errors.add(new FieldError("leadData", "leadData may not contain NUL characters."));
                return null;
            }
            return json;
        } catch (JsonProcessingException e) {
            errors.add(new FieldError("leadData", "leadData must be a JSON object."));
            return null;
        }
    }

    /** An IANA region zone (never a bare offset, which Postgres would read with the opposite sign). */
    public ZoneId zone(String name) {
        if (name == null || !ZONES.contains(name)) {
            return null;
        }
        return zones.computeIfAbsent(name, ZoneId::of);
    }

    private static Long positiveLong(String field, String raw, List<FieldError> errors) {
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 1) {
                errors.add(new FieldError(field, field + " must be a positive integer."));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, field + " must be a positive integer."));
            return null;
        }
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }
}
