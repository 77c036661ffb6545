package io.switchboard.lead.bulk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.lead.lead.LeadRepository;
import io.switchboard.lead.lead.NewLead;

/**
 * Writes an import's batches, each in one transaction on one JDBC connection: the leads and their phone index with
 * {@code COPY}, the rejected rows' errors with {@code COPY}, and the import's progress. The COPY path is the service's
 * one other way to the database (beside the reactive pool) and runs on an import worker thread; the few statements
 * around the COPYs (the per-campaign lock, the duplicate look-up, the ids, the progress row) run on the same connection
 * because they must commit or roll back with the rows. A batch either commits whole, progress included, or leaves
 * nothing behind, so an import killed at any point resumes after its last committed batch without duplicating a row.
 */
final class BatchWriter implements AutoCloseable {

    /** What one batch did. */
    record Outcome(int accepted, int rejected, int duplicates, int errors) {
    }

    /** The import's hold was taken by another replica (this one stalled past its lease): the batch was not written. */
    static final class LostLeaseException extends RuntimeException {
        LostLeaseException(UUID id) {
            super("Import " + id + " is held by another replica now", null, false, false);
        }
    }

    private static final String COPY_LEADS = "COPY lead (tenant_id, id, list_id, campaign_id, customer_key, time_zone,"
            + " phone1, phone2, phone3, next_attempt_at, lead_data, status_code, agent_id, import_id) FROM STDIN";
    private static final String COPY_PHONES = "COPY lead_phone (tenant_id, phone, campaign_id, lead_id) FROM STDIN";
    private static final String COPY_ERRORS = "COPY lead_import_error (import_id, seq, row_no, field, message)"
            + " FROM STDIN";

    private final Connection connection;
    private final CopyManager copy;
    private final String tenantId;
    private final UUID importId;
    private final String holder;
    private final double leaseSeconds;
    private long errorSeq;

    BatchWriter(DataSource dataSource, ImportJob job, String holder, Duration lease) throws SQLException {
        this.connection = liveConnection(dataSource);
        try {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                // operators (and the crash test) find an import's connection by it
                s.execute("SET application_name = 'lead-import " + job.id() + "'");
            }
            connection.commit();
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        this.tenantId = job.tenantId();
        this.importId = job.id();
        this.holder = holder;
        this.leaseSeconds = lease.toSeconds();
        this.errorSeq = job.errors();
    }

    /** A pooled connection that still works: one whose server went away (a killed import) is not reused. */
    private static Connection liveConnection(DataSource dataSource) throws SQLException {
        for (int attempt = 1;; attempt++) {
            Connection c = dataSource.getConnection();
            if (c.isValid(5) || attempt == 5) {
                return c;
            }
            c.close();
        }
    }

    /**
     * Writes one batch and the import's progress after it.
     *
     * @param extraError
     *            an error that ends the upload (unreadable from this row on), listed after the batch's own; or null
     */
    Outcome write(List<PreparedRow> rows, long rowsReadAfter, long workMillis, RawRow extraError) throws SQLException {
        try {
            Outcome outcome = writeRows(rows, rowsReadAfter, workMillis, extraError);
            connection.commit();
            return outcome;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; the server rolled back
            }
            throw e;
        }
    }

    private Outcome writeRows(List<PreparedRow> rows, long rowsReadAfter, long workMillis, RawRow extraError)
            throws SQLException {
        // 1. Serialise with every other writer of the same campaigns (single creates, contacts, other imports).
        Set<Long> campaigns = new TreeSet<>();
        for (PreparedRow row : rows) {
            if (row.lead() != null) {
                campaigns.add(row.lead().campaignId());
            }
        }
        try (PreparedStatement lock = connection.prepareStatement(LeadRepository.LOCK_CAMPAIGN.replace("$1", "?"))) {
            for (long campaignId : campaigns) {
                lock.setString(1, LeadRepository.campaignLockKey(tenantId, campaignId));
                lock.execute();
            }
        }
        // 2. Duplicates within the batch, then against what is committed.
        List<NewLead> candidates = new ArrayList<>(rows.size());
        Set<String> keys = new HashSet<>();
        Set<String> phones = new HashSet<>();
        int duplicates = 0;
        for (PreparedRow row : rows) {
            NewLead lead = row.lead();
            if (lead == null) {
                continue;
            }
            if (isDuplicate(lead, keys, phones)) {
                duplicates++;
                continue;
            }
            candidates.add(lead);
        }
        Set<String> existing = existing(candidates);
        List<NewLead> fresh = new ArrayList<>(candidates.size());
        for (NewLead lead : candidates) {
            if (existing.contains(keyOf(lead)) || hasExistingPhone(lead, existing)) {
                duplicates++;
            } else {
                fresh.add(lead);
            }
        }
        // 3. Ids, then the rows.
        long[] ids = ids(fresh.size());
        if (!fresh.isEmpty()) {
            StringBuilder leads = new StringBuilder(fresh.size() * 160);
            StringBuilder phoneRows = new StringBuilder(fresh.size() * 48);
            String importText = importId.toString();
            for (int i = 0; i < fresh.size(); i++) {
                NewLead l = fresh.get(i);
                CopyText.row(leads, tenantId, Long.toString(ids[i]), Long.toString(l.listId()),
                        Long.toString(l.campaignId()), l.customerKey(), l.timeZone(), l.phone1(), l.phone2(),
                        l.phone3(), l.nextAttemptAt() == null ? null : l.nextAttemptAt().toString(), l.leadData(),
                        l.statusCode() == null ? null : l.statusCode().toString(),
                        l.agentId() == null ? null : l.agentId().toString(), importText);
                String campaign = Long.toString(l.campaignId());
                String leadId = Long.toString(ids[i]);
                String p1 = l.phone1(), p2 = l.phone2(), p3 = l.phone3();
                if (p1 != null) {
                    CopyText.row(phoneRows, tenantId, p1, campaign, leadId);
                }
                if (p2 != null && !p2.equals(p1)) {
                    CopyText.row(phoneRows, tenantId, p2, campaign, leadId);
                }
                if (p3 != null && !p3.equals(p1) && !p3.equals(p2)) {
                    CopyText.row(phoneRows, tenantId, p3, campaign, leadId);
                }
            }
            copyIn(COPY_LEADS, leads);
            if (!phoneRows.isEmpty()) {
                copyIn(COPY_PHONES, phoneRows);
            }
        }
        // 4. Errors of rejected rows, in row order.
        int rejected = 0;
        StringBuilder errors = new StringBuilder();
        long seqBefore = errorSeq;
        for (PreparedRow row : rows) {
            if (row.lead() == null) {
                rejected++;
                for (FieldError error : row.errors()) {
                    CopyText.row(errors, importId.toString(), Long.toString(++errorSeq), Long.toString(row.rowNo()),
                            error.field(), error.message());
                }
            }
        }
        if (extraError != null) {
            for (FieldError error : extraError.errors()) {
                CopyText.row(errors, importId.toString(), Long.toString(++errorSeq), Long.toString(extraError.rowNo()),
                        error.field(), error.message());
            }
        }
        if (!errors.isEmpty()) {
            copyIn(COPY_ERRORS, errors);
        }
        // 5. Progress, under this replica's hold.
        try (PreparedStatement progress = connection.prepareStatement("UPDATE lead_import SET rows_read = ?,"
                + " accepted = accepted + ?, rejected = rejected + ?, duplicates = duplicates + ?, errors = ?,"
                + " work_millis = work_millis + ?, lease_expires_at = now() + make_interval(secs => ?)"
                + " WHERE id = ? AND lease_holder = ?")) {
            progress.setLong(1, rowsReadAfter);
            progress.setInt(2, fresh.size());
            progress.setInt(3, rejected);
            progress.setInt(4, duplicates);
            progress.setLong(5, errorSeq);
            progress.setLong(6, workMillis);
            progress.setDouble(7, leaseSeconds);
            progress.setObject(8, importId);
            progress.setString(9, holder);
            if (progress.executeUpdate() != 1) {
                errorSeq = seqBefore;
                throw new LostLeaseException(importId);
            }
        }
        return new Outcome(fresh.size(), rejected, duplicates, (int) (errorSeq - seqBefore));
    }

    private static String keyOf(NewLead lead) {
        return lead.customerKey() == null ? null : "k" + lead.listId() + '\u0000' + lead.customerKey();
    }

    private static String phoneKey(long campaignId, String phone) {
        return "p" + campaignId + '\u0000' + phone;
    }

    private static boolean hasExistingPhone(NewLead lead, Set<String> existing) {
        for (int p = 1; p <= 3; p++) {
            if (lead.phone(p) != null && existing.contains(phoneKey(lead.campaignId(), lead.phone(p)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an earlier row of the batch has the key or a phone; if not, the lead's are recorded. */
    private static boolean isDuplicate(NewLead lead, Set<String> keys, Set<String> phones) {
        String key = keyOf(lead);
        if (key != null && keys.contains(key)) {
            return true;
        }
        for (int p = 1; p <= 3; p++) {
            if (lead.phone(p) != null && phones.contains(phoneKey(lead.campaignId(), lead.phone(p)))) {
                return true;
            }
        }
        if (key != null) {
            keys.add(key);
        }
        for (int p = 1; p <= 3; p++) {
            if (lead.phone(p) != null) {
                phones.add(phoneKey(lead.campaignId(), lead.phone(p)));
            }
        }
        return false;
    }

    /** Keys and phones of the candidates that committed leads already have, as {@link #keyOf}/{@link #phoneKey}. */
    private Set<String> existing(List<NewLead> candidates) throws SQLException {
        Set<String> found = new HashSet<>();
        if (candidates.isEmpty()) {
            return found;
        }
        List<Long> keyLists = new ArrayList<>();
        List<String> keyValues = new ArrayList<>();
        List<String> phoneValues = new ArrayList<>();
        List<Long> phoneCampaigns = new ArrayList<>();
        for (NewLead lead : candidates) {
            if (lead.customerKey() != null) {
                keyLists.add(lead.listId());
                keyValues.add(lead.customerKey());
            }
            for (int p = 1; p <= 3; p++) {
                if (lead.phone(p) != null) {
                    phoneValues.add(lead.phone(p));
                    phoneCampaigns.add(lead.campaignId());
                }
            }
        }
        if (!keyValues.isEmpty()) {
            try (PreparedStatement q = connection.prepareStatement("SELECT l.list_id, l.customer_key FROM lead l"
                    + " JOIN unnest(?::bigint[], ?::text[]) AS k(list_id, customer_key) ON l.list_id = k.list_id"
                    + " AND l.customer_key = k.customer_key WHERE l.tenant_id = ?")) {
                Array lists = connection.createArrayOf("bigint", keyLists.toArray());
                Array values = connection.createArrayOf("text", keyValues.toArray());
                q.setArray(1, lists);
                q.setArray(2, values);
                q.setString(3, tenantId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.add("k" + rs.getLong(1) + '\u0000' + rs.getString(2));
                    }
                }
            }
        }
        if (!phoneValues.isEmpty()) {
            try (PreparedStatement q = connection.prepareStatement("SELECT p.campaign_id, p.phone FROM lead_phone p"
                    + " JOIN unnest(?::text[], ?::bigint[]) AS k(phone, campaign_id) ON p.phone = k.phone"
                    + " AND p.campaign_id = k.campaign_id WHERE p.tenant_id = ?")) {
                q.setArray(1, connection.createArrayOf("text", phoneValues.toArray()));
                q.setArray(2, connection.createArrayOf("bigint", phoneCampaigns.toArray()));
                q.setString(3, tenantId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        found.add(phoneKey(rs.getLong(1), rs.getString(2)));
                    }
                }
            }
        }
        return found;
    }

    private long[] ids(int count) throws SQLException {
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        try (PreparedStatement q = connection
                .prepareStatement("SELECT nextval('lead_id_seq') FROM generate_series(1, ?)")) {
            q.setInt(1, count);
            try (ResultSet rs = q.executeQuery()) {
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    private void copyIn(String sql, StringBuilder text) throws SQLException {
        try {
            copy.copyIn(sql, new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException("COPY failed: " + e.getMessage(), "08000", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the connection is gone already
        }
    }
}
