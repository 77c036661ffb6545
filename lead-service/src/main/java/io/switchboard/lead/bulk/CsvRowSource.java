package io.switchboard.lead.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.lead.lead.LeadFields;

/**
 * A CSV upload (RFC 4180, UTF-8, optional byte order mark), streamed. The header row names the columns: lead fields by
 * name, ignoring case ({@code customerKey}, {@code timezone}, {@code phone1}..{@code phone3},
 * {@code nextAttemptTimestamp}, {@code statusCode}, {@code agentId}, and {@code leadData} holding a JSON object); any
 * other column becomes a key of the lead's data, under its header. The list is the import's, so a {@code listId} column
 * is ignored. Empty cells are absent values.
 */
final class CsvRowSource implements RowSource {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();

    private enum Column {
        LIST_ID, CUSTOMER_KEY, TIMEZONE, PHONE1, PHONE2, PHONE3, NEXT_ATTEMPT, STATUS_CODE, AGENT_ID, LEAD_DATA, DATA
    }

    private final MappingIterator<String[]> rows;
    private final ObjectMapper json;
    private final String listId;
    private Column[] columns;
    private String[] names;
    private long rowNo;

    CsvRowSource(InputStream in, ObjectMapper json, long listId) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.rows = CSV.readerFor(String[].class).readValues(reader);
        this.json = json;
        this.listId = Long.toString(listId);
    }

    @Override
    public RawRow next() throws IOException {
        if (columns == null && !readHeader()) {
            return null;
        }
        String[] cells;
        try {
            if (!rows.hasNextValue()) {
                return null;
            }
            cells = rows.nextValue();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UnreadableUploadException("The CSV cannot be read after row " + rowNo + ": " + message(e) + ".");
        }
        rowNo++;
        if (cells.length > columns.length) {
            return new RawRow(rowNo, null, List.of(new FieldError(null,
                    "The row has " + cells.length + " cells; the header names " + columns.length + " columns.")));
        }
        return new RawRow(rowNo, fields(cells), List.of());
    }

    @Override
    public void skip(long count) throws IOException {
        if (columns == null && !readHeader()) {
            return;
        }
        try {
            for (long i = 0; i < count && rows.hasNextValue(); i++) {
                rows.nextValue();
                rowNo++;
            }
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UnreadableUploadException("The CSV cannot be read after row " + rowNo + ": " + message(e) + ".");
        }
    }

    private LeadFields fields(String[] cells) {
        String customerKey = null, timezone = null, phone1 = null, phone2 = null, phone3 = null, next = null,
                status = null, agent = null;
        ObjectNode data = null;
        JsonNode leadData = null;
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            if (cell == null || cell.isEmpty()) {
                continue;
            }
            switch (columns[i]) {
                case CUSTOMER_KEY -> customerKey = cell;
                case TIMEZONE -> timezone = cell;
                case PHONE1 -> phone1 = cell;
                case PHONE2 -> phone2 = cell;
                case PHONE3 -> phone3 = cell;
                case NEXT_ATTEMPT -> next = cell;
                case STATUS_CODE -> status = cell;
                case AGENT_ID -> agent = cell;
                case LEAD_DATA -> leadData = parseJson(cell);
                case DATA -> {
                    if (data == null) {
                        data = json.createObjectNode();
                    }
                    data.put(names[i], cell);
                }
                case LIST_ID -> {
                    // the import's list wins
                }
            }
        }
        if (leadData != null && leadData.isObject() && data != null) {
            ((ObjectNode) leadData).setAll(data);
        } else if (leadData == null) {
            leadData = data;
        }
        return new LeadFields(listId, customerKey, timezone, phone1, phone2, phone3, next, leadData, status, agent);
    }

    private JsonNode parseJson(String cell) {
        try {
            return json.readTree(cell);
        } catch (JsonProcessingException e) {
            // LeadRules names leadData when it is not an object
            return json.getNodeFactory().textNode(cell);
        }
    }

    private boolean readHeader() throws IOException {
        try {
            if (!rows.hasNextValue()) {
                return false;
            }
            String[] header = rows.nextValue();
            columns = new Column[header.length];
            names = new String[header.length];
            for (int i = 0; i < header.length; i++) {
                String name = header[i] == null ? "" : header[i].trim();
                if (i == 0 && name.startsWith("\uFEFF")) {
                    name = name.substring(1).trim();
                }
                names[i] = name.isEmpty() ? "column" + (i + 1) : name;
                columns[i] = column(name);
            }
            return true;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UnreadableUploadException("The CSV's header row cannot be read: " + message(e) + ".");
        }
    }

    private static Column column(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "listid" -> Column.LIST_ID;
            case "customerkey" -> Column.CUSTOMER_KEY;
            case "timezone" -> Column.TIMEZONE;
            case "phone1" -> Column.PHONE1;
            case "phone2" -> Column.PHONE2;
            case "phone3" -> Column.PHONE3;
            case "nextattempttimestamp" -> Column.NEXT_ATTEMPT;
            case "statuscode" -> Column.STATUS_CODE;
            case "agentid" -> Column.AGENT_ID;
            case "leaddata" -> Column.LEAD_DATA;
            default -> Column.DATA;
        };
    }

    private static String message(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? "malformed input" : m;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
