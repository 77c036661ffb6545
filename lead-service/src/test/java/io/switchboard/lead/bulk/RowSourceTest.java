package io.switchboard.lead.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading uploads row by row: the CSV header mapping, JSON elements, skipping on resume, broken uploads. */
class RowSourceTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<RawRow> all(RowSource source) throws IOException {
        List<RawRow> rows = new ArrayList<>();
        for (RawRow row = source.next(); row != null; row = source.next()) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void shouldMapCsvColumnsByHeaderIgnoringCaseAndKeepOtherColumnsAsData() throws IOException {
        String csv = "\uFEFFCustomerKey,Phone1,first name,TimeZone,listId,leadData\r\n"
                + "k1,07411 100001,Ada,Europe/London,999,\"{\"\"x\"\": 1}\"\r\n\r\n" + "k2,\"+44 7411, 2\",,,,\n";
        List<RawRow> rows = all(new CsvRowSource(bytes(csv), mapper, 5));
        assertThat(rows).hasSize(2);
        var first = rows.get(0).fields();
        assertThat(rows.get(0).rowNo()).isEqualTo(1);
        assertThat(first.listId()).isEqualTo("5");
        assertThat(first.customerKey()).isEqualTo("k1");
        assertThat(first.phone1()).isEqualTo("07411 100001");
        assertThat(first.timezone()).isEqualTo("Europe/London");
        assertThat(first.leadData().get("first name").asText()).isEqualTo("Ada");
        assertThat(first.leadData().get("x").asInt()).isEqualTo(1);
        assertThat(first.leadData().has("listId")).isFalse();
        assertThat(rows.get(1).rowNo()).isEqualTo(2);
        assertThat(rows.get(1).fields().phone1()).isEqualTo("+44 7411, 2");
        assertThat(rows.get(1).fields().leadData()).isNull();
    }

    @Test
    void shouldRejectACsvRowWithMoreCellsThanTheHeader() throws IOException {
        List<RawRow> rows = all(new CsvRowSource(bytes("customerKey\na,b\n"), mapper, 1));
        assertThat(rows.get(0).fields()).isNull();
        assertThat(rows.get(0).errors()).hasSize(1);
    }

    @Test
    void shouldSkipRowsAlreadyImported() throws IOException {
        CsvRowSource csv = new CsvRowSource(bytes("customerKey\na\nb\nc\n"), mapper, 1);
        csv.skip(2);
        RawRow next = csv.next();
        assertThat(next.rowNo()).isEqualTo(3);
        assertThat(next.fields().customerKey()).isEqualTo("c");
        JsonRowSource json = new JsonRowSource(
                bytes("{\"leads\": [{\"customerKey\": \"a\"}, {\"customerKey\": \"b\"}, {\"customerKey\": \"c\"}]}"),
                mapper);
        json.skip(2);
        RawRow third = json.next();
        assertThat(third.rowNo()).isEqualTo(3);
        assertThat(third.fields().customerKey()).isEqualTo("c");
        assertThat(json.next()).isNull();
    }

    @Test
    void shouldReadJsonLeadsWithNamesInAnyCaseAndNumbersAsText() throws IOException {
        String body = "{\"other\": {\"leads\": 1}, \"Leads\": [{\"ListId\": 7, \"PHONE1\": \"+447411\","
                + " \"statusCode\": \"3\", \"leadData\": {\"a\": [1]}}, 42, {\"phone2\": {\"x\": 1}}]}";
        List<RawRow> rows = all(new JsonRowSource(bytes(body), mapper));
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).fields().listId()).isEqualTo("7");
        assertThat(rows.get(0).fields().phone1()).isEqualTo("+447411");
        assertThat(rows.get(0).fields().statusCode()).isEqualTo("3");
        assertThat(rows.get(0).fields().leadData().get("a").isArray()).isTrue();
        assertThat(rows.get(1).fields()).isNull();
        assertThat(rows.get(2).errors().get(0).field()).isEqualTo("phone2");
    }

    @Test
    void shouldStopAtTheBreakOfABrokenUpload() throws IOException {
        JsonRowSource json = new JsonRowSource(bytes("{\"leads\": [{\"customerKey\": \"a\"}, {\"customerKey\""),
                mapper);
        assertThat(json.next().fields().customerKey()).isEqualTo("a");
        assertThatThrownBy(json::next).isInstanceOf(RowSource.UnreadableUploadException.class);
        assertThatThrownBy(() -> new JsonRowSource(bytes("[1, 2]"), mapper).next())
                .isInstanceOf(RowSource.UnreadableUploadException.class);
        CsvRowSource csv = new CsvRowSource(bytes("customerKey\n\"unclosed\n"), mapper, 1);
        assertThatThrownBy(csv::next).isInstanceOf(RowSource.UnreadableUploadException.class);
    }
}
