package io.switchboard.lead.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.lead.lead.LeadFields;

/**
 * A JSON bulk upload, {@code {"leads": [{...}, ...]}}, streamed: one element is in memory at a time. Field names are
 * matched ignoring case and numbers may be strings, as everywhere on the API; other top-level fields are ignored.
 */
final class JsonRowSource implements RowSource {

    /**
     * Reads one element at a time. Not the application's mapper: that one refuses anything after a document's value
     * (every element here is followed by the next) and any NUL (here a row's own fault, rejected by {@code LeadRules}
     * with the rest of the row, not the end of the upload).
     */
    private static final ObjectMapper ELEMENTS = new ObjectMapper();

    private final JsonParser parser;
    private boolean inArray;
    private boolean done;
    private long rowNo;

    JsonRowSource(InputStream in, ObjectMapper mapper) throws IOException {
        this.parser = mapper.getFactory().createParser(in);
        this.parser.setCodec(ELEMENTS);
    }

    @Override
    public RawRow next() throws IOException {
        try {
            if (done || !inArray && !findLeads()) {
                return null;
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                done = true;
                return null;
            }
            rowNo++;
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new RawRow(rowNo, null, List.of(new FieldError(null, "The element is not a lead object.")));
            }
            JsonNode lead = parser.readValueAsTree();
            return fields(lead);
        } catch (JsonProcessingException e) {
            throw new UnreadableUploadException("The JSON cannot be read after lead " + rowNo + ": "
                    + (e.getOriginalMessage() == null ? "malformed input" : e.getOriginalMessage()) + ".");
        }
    }

    @Override
    public void skip(long count) throws IOException {
        try {
            for (long i = 0; i < count; i++) {
                if (done || !inArray && !findLeads()) {
                    return;
                }
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY || token == null) {
                    done = true;
                    return;
                }
                rowNo++;
                parser.skipChildren();
            }
        } catch (JsonProcessingException e) {
            throw new UnreadableUploadException("The JSON cannot be read after lead " + rowNo + ".");
        }
    }

    /** Moves to the first element of {@code leads}; false when the body has no such array. */
    private boolean findLeads() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new UnreadableUploadException("The body must be a JSON object with an array of leads.");
        }
        while (true) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_OBJECT || token == null) {
                done = true;
                return false;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("leads".equalsIgnoreCase(name) && value == JsonToken.START_ARRAY) {
                inArray = true;
                return true;
            }
            if ("leads".equalsIgnoreCase(name) && value == JsonToken.VALUE_NULL) {
                done = true;
                return false;
            }
            if ("leads".equalsIgnoreCase(name)) {
                throw new UnreadableUploadException("leads must be an array of lead objects.");
            }
            parser.skipChildren();
        }
    }

    private RawRow fields(JsonNode lead) {
        String listId = null, customerKey = null, timezone = null, phone1 = null, phone2 = null, phone3 = null,
                next = null, status = null, agent = null;
        JsonNode data = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = lead.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            String name = field.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("leaddata")) {
                data = value;
                continue;
            }
            if (value.isNull()) {
                continue;
            }
            if (value.isContainerNode()) {
                if (isLeadField(name)) {
                    return new RawRow(rowNo, null,
                            List.of(new FieldError(field.getKey(), field.getKey() + " must be a string or a number.")));
                }
                continue;
            }
            String text = value.asText();
            switch (name) {
                case "listid" -> listId = text;
                case "customerkey" -> customerKey = text;
                case "timezone" -> timezone = text;
                case "phone1" -> phone1 = text;
                case "phone2" -> phone2 = text;
                case "phone3" -> phone3 = text;
                case "nextattempttimestamp" -> next = text;
                case "statuscode" -> status = text;
                case "agentid" -> agent = text;
                default -> {
                    // not a lead field: ignored, as the single create ignores it
                }
            }
        }
        return new RawRow(rowNo,
                new LeadFields(listId, customerKey, timezone, phone1, phone2, phone3, next, data, status, agent),
                List.of());
    }

    private static boolean isLeadField(String lowerName) {
        return switch (lowerName) {
            case "listid", "customerkey", "timezone", "phone1", "phone2", "phone3", "nextattempttimestamp",
                    "statuscode", "agentid" -> true;
            default -> false;
        };
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
