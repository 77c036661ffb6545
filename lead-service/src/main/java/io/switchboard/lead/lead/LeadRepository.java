package io.switchboard.lead.lead;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class LeadRepository {

    /**
     * Serialises the writers of one campaign's leads (single creates, contacts, import batches) for the rest of the
     * transaction, so that the duplicate checks see every lead committed before them.
     */
    public static final String LOCK_CAMPAIGN = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";

    private final Pool pool;

    public LeadRepository(Pool pool) {
        this.pool = pool;
    }

    public static String campaignLockKey(String tenantId, long campaignId) {
        return "lead-dedupe:" + tenantId + ":" + campaignId;
    }

    public Uni<Lead> find(String tenantId, long id) {
        return find(pool, tenantId, id);
    }

    public Uni<Lead> find(SqlClient client, String tenantId, long id) {
        return client.preparedQuery("SELECT " + Lead.COLUMNS + Lead.FROM + " WHERE l.tenant_id = $1 AND l.id = $2")
                .execute(Tuple.of(tenantId, id)).map(LeadRepository::first);
    }

    public Uni<Lead> findForUpdate(SqlClient tx, String tenantId, long id) {
        return tx
                .preparedQuery(
                        "SELECT " + Lead.COLUMNS + Lead.FROM + " WHERE l.tenant_id = $1 AND l.id = $2 FOR UPDATE OF l")
                .execute(Tuple.of(tenantId, id)).map(LeadRepository::first);
    }

    /** The filters of {@code GET /platform-api/v3.0/leads}; null means "any". */
    public record Filter(Long campaignId, Long listId, Integer statusCode, OffsetDateTime uploadedFrom,
            OffsetDateTime uploadedTo, String customerKey) {
    }

    public Uni<List<Lead>> list(String tenantId, Filter f, long afterId, int limit) {
        return pool.preparedQuery("SELECT " + Lead.COLUMNS + Lead.FROM + " WHERE l.tenant_id = $1 AND l.id > $2"
                + " AND ($3::bigint IS NULL OR l.campaign_id = $3) AND ($4::bigint IS NULL OR l.list_id = $4)"
                + " AND ($5::integer IS NULL OR l.status_code = $5) AND ($6::timestamptz IS NULL OR l.created_at >= $6)"
                + " AND ($7::timestamptz IS NULL OR l.created_at <= $7) AND ($8::text IS NULL OR l.customer_key = $8)"
                + " ORDER BY l.id LIMIT $9")
                .execute(Tuple.from(Arrays.asList(tenantId, afterId, f.campaignId(), f.listId(), f.statusCode(),
                        f.uploadedFrom(), f.uploadedTo(), f.customerKey(), limit)))
                .map(rows -> {
                    List<Lead> leads = new ArrayList<>();
                    rows.forEach(row -> leads.add(Lead.of(row)));
                    return leads;
                });
    }

    public Uni<Void> lockCampaign(SqlClient tx, String tenantId, long campaignId) {
        return tx.preparedQuery(LOCK_CAMPAIGN).execute(Tuple.of(campaignLockKey(tenantId, campaignId)))
                .replaceWithVoid();
    }

    /**
     * Another lead that makes this one a duplicate.
     *
     * @param field
     *            {@code customerKey}, or the phone field ({@code phone1}..{@code phone3}) whose number the campaign
     *            already has
     */
    public record Duplicate(String field, long leadId) {
    }

    /** @return the first duplicate of the lead among the others (never itself), or null */
    public Uni<Duplicate> duplicateOf(SqlClient tx, String tenantId, NewLead lead, long selfId) {
        List<String> phones = new ArrayList<>(3);
        for (int i = 1; i <= 3; i++) {
            if (lead.phone(i) != null) {
                phones.add(lead.phone(i));
            }
        }
        return tx.preparedQuery("SELECT NULL::text AS phone, id AS lead_id FROM lead WHERE tenant_id = $1"
                + " AND list_id = $2 AND customer_key = $3 AND id <> $4 UNION ALL SELECT phone, lead_id FROM lead_phone"
                + " WHERE tenant_id = $1 AND phone = ANY($5) AND campaign_id = $6 AND lead_id <> $4 LIMIT 1")
                .execute(Tuple.from(Arrays.asList(tenantId, lead.listId(), lead.customerKey(), selfId,
                        phones.toArray(String[]::new), lead.campaignId())))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    String phone = row.getString("phone");
                    String field = "customerKey";
                    if (phone != null) {
                        for (int i = 1; i <= 3; i++) {
                            if (phone.equals(lead.phone(i))) {
                                field = "phone" + i;
                                break;
                            }
                        }
                    }
                    return new Duplicate(field, row.getLong("lead_id"));
                });
    }

    /** @return the new lead's id */
    public Uni<Long> insert(SqlClient tx, String tenantId, NewLead lead) {
        return tx.preparedQuery("INSERT INTO lead (tenant_id, list_id, campaign_id, customer_key, time_zone, phone1,"
                + " phone2, phone3, next_attempt_at, lead_data, status_code, agent_id) VALUES ($1, $2, $3, $4, $5, $6,"
                + " $7, $8, $9, $10::text::jsonb, $11, $12) RETURNING id")
                .execute(Tuple.from(Arrays.asList(tenantId, lead.listId(), lead.campaignId(), lead.customerKey(),
                        lead.timeZone(), lead.phone1(), lead.phone2(), lead.phone3(), lead.nextAttemptAt(),
                        lead.leadData(), lead.statusCode(), lead.agentId())))
                .map(rows -> rows.iterator().next().getLong("id"))
                .call(id -> replacePhones(tx, tenantId, id, new String[0], lead));
    }

    /** Rewrites a lead's fields (and its phone index) after a PATCH; {@code before} is the lead as it was. */
    public Uni<Void> update(SqlClient tx, String tenantId, long id, Lead before, NewLead lead, boolean completed) {
        return tx
                .preparedQuery("UPDATE lead SET list_id = $3, campaign_id = $4, customer_key = $5, time_zone = $6,"
                        + " phone1 = $7, phone2 = $8, phone3 = $9, next_attempt_at = $10, lead_data = $11::text::jsonb,"
                        + " status_code = $12, agent_id = $13, completed = $14,"
                        + " completed_at = CASE WHEN $14 AND NOT completed THEN now() ELSE completed_at END,"
                        + " updated_at = now() WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.from(Arrays.asList(tenantId, id, lead.listId(), lead.campaignId(), lead.customerKey(),
                        lead.timeZone(), lead.phone1(), lead.phone2(), lead.phone3(), lead.nextAttemptAt(),
                        lead.leadData(), lead.statusCode(), lead.agentId(), completed)))
                .call(() -> replacePhones(tx, tenantId, id, phonesOf(before.phone1(), before.phone2(), before.phone3()),
                        lead))
                .replaceWithVoid();
    }

    private static String[] phonesOf(String... phones) {
        return java.util.Arrays.stream(phones).filter(java.util.Objects::nonNull).distinct().toArray(String[]::new);
    }

    private static Uni<Void> replacePhones(SqlClient tx, String tenantId, long id, String[] before, NewLead lead) {
        List<String> phones = new ArrayList<>(3);
        for (int i = 1; i <= 3; i++) {
            if (lead.phone(i) != null && !phones.contains(lead.phone(i))) {
                phones.add(lead.phone(i));
            }
        }
        return tx.preparedQuery("DELETE FROM lead_phone WHERE tenant_id = $1 AND phone = ANY($2) AND lead_id = $3")
                .execute(Tuple.of(tenantId, before, id))
                .flatMap(deleted -> phones.isEmpty() ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("INSERT INTO lead_phone (tenant_id, phone, campaign_id, lead_id)"
                                + " SELECT $1, unnest($2::text[]), $3, $4")
                                .execute(Tuple.of(tenantId, phones.toArray(String[]::new), lead.campaignId(), id))
                                .replaceWithVoid());
    }

    /** @return whether there was such a lead */
    public Uni<Boolean> delete(SqlClient tx, String tenantId, long id) {
        return tx.preparedQuery("DELETE FROM lead WHERE tenant_id = $1 AND id = $2 RETURNING phone1, phone2, phone3")
                .execute(Tuple.of(tenantId, id)).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = rows.iterator().next();
                    return tx
                            .preparedQuery(
                                    "DELETE FROM lead_phone WHERE tenant_id = $1 AND phone = ANY($2) AND lead_id = $3")
                            .execute(Tuple.of(tenantId,
                                    phonesOf(row.getString("phone1"), row.getString("phone2"), row.getString("phone3")),
                                    id))
                            .replaceWith(true);
                });
    }

    private static Lead first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Lead.of(rows.iterator().next()) : null;
    }
}
