package io.switchboard.crm.contact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * CRM records. Every lookup is written to hit one of the "C"-collated prefix indexes of migration V1: equality and
 * range conditions on exactly the indexed expression, with the partial index's {@code IS NOT NULL} spelt out.
 */
@ApplicationScoped
public class ContactRepository {

    /** Sorts after every string that starts with the same prefix (in "C" collation, byte order of UTF-8). */
    private static final String TOP = new String(Character.toChars(0x10FFFF));

    private static final String BY_PHONE = "SELECT " + Contact.COLUMNS + " FROM contact WHERE id IN ("
            + "(SELECT id FROM contact WHERE tenant_id = $1 AND mobilephone IS NOT NULL"
            + " AND mobilephone COLLATE \"C\" = $2)"
            + " UNION ALL (SELECT id FROM contact WHERE tenant_id = $1 AND businessphone IS NOT NULL"
            + " AND businessphone COLLATE \"C\" = $2)"
            + " UNION ALL (SELECT id FROM contact WHERE tenant_id = $1 AND businessphone2 IS NOT NULL"
            + " AND businessphone2 COLLATE \"C\" = $2)) ORDER BY created_at DESC, id LIMIT 1";

    private static final String BY_EMAIL = "SELECT " + Contact.COLUMNS + " FROM contact WHERE tenant_id = $1"
            + " AND email IS NOT NULL AND lower(email) COLLATE \"C\" = $2 ORDER BY created_at DESC, id LIMIT 1";

    private final Pool pool;

    public ContactRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Contact> insert(SqlClient client, Contact c) {
        return client
                .preparedQuery("INSERT INTO contact (" + Contact.COLUMNS
                        + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING " + Contact.COLUMNS)
                .execute(Tuple.from(Arrays.asList(c.id(), c.tenantId(), c.firstname(), c.lastname(), c.customerNumber(),
                        c.company(), c.businessphone(), c.businessphone2(), c.mobilephone(), c.email(),
                        c.entityType().name())))
                .map(rows -> Contact.of(rows.iterator().next()));
    }

    /** The newest record with this E.164 number as its mobile, business or second business phone. */
    public Uni<Contact> findByPhone(String tenantId, String e164) {
        return pool.preparedQuery(BY_PHONE).execute(Tuple.of(tenantId, e164))
                .map(rows -> rows.iterator().hasNext() ? Contact.of(rows.iterator().next()) : null);
    }

    /** The newest record with this address, ignoring case. */
    public Uni<Contact> findByEmail(String tenantId, String email) {
        return pool.preparedQuery(BY_EMAIL).execute(Tuple.of(tenantId, email.toLowerCase(java.util.Locale.ROOT)))
                .map(rows -> rows.iterator().hasNext() ? Contact.of(rows.iterator().next()) : null);
    }

    /**
     * The best record whose first name, last name, company or e-mail starts with {@code textPrefix} (lower case), or
     * one of whose phones starts with one of {@code phonePrefixes} (E.164 prefixes). Each field contributes its first
     * match in index order (an exact match sorts first); among those an exact match wins, then the shortest value, then
     * the field in the order last name, first name, company, e-mail, phones.
     */
    public Uni<Contact> autocomplete(String tenantId, String textPrefix, List<String> phonePrefixes) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        List<String> branches = new ArrayList<>();
        if (textPrefix != null && !textPrefix.isEmpty()) {
            int from = params.size() + 1;
            params.add(textPrefix);
            params.add(textPrefix + TOP);
            int rank = 1;
            for (String column : List.of("lastname", "firstname", "company", "email")) {
                branches.add(branch(rank++, column, "lower(" + column + ") COLLATE \"C\"", from));
            }
        }
        int rank = 5;
        for (String prefix : phonePrefixes) {
            int from = params.size() + 1;
            params.add(prefix);
            params.add(prefix + TOP);
            for (String column : List.of("mobilephone", "businessphone", "businessphone2")) {
                branches.add(branch(rank, column, column + " COLLATE \"C\"", from));
            }
            rank++;
        }
        if (branches.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        String sql = "SELECT " + prefixed(Contact.COLUMNS) + " FROM (" + String.join(" UNION ALL ", branches)
                + ") m JOIN contact c ON c.id = m.id ORDER BY m.exact DESC, length(m.v), m.rank, m.v COLLATE \"C\""
                + " LIMIT 1";
        return pool.preparedQuery(sql).execute(Tuple.from(params))
                .map(rows -> rows.iterator().hasNext() ? Contact.of(rows.iterator().next()) : null);
    }

    private static String branch(int rank, String column, String expression, int from) {
        return "(SELECT id, " + expression + " AS v, " + rank + " AS rank, " + expression + " = $" + from
                + " AS exact FROM contact WHERE tenant_id = $1 AND " + column + " IS NOT NULL AND " + expression
                + " >= $" + from + " AND " + expression + " < $" + (from + 1) + " ORDER BY " + expression + " LIMIT 1)";
    }

    private static String prefixed(String columns) {
        return String.join(", ", Arrays.stream(columns.split(",\\s*")).map(c -> "c." + c).toList());
    }

    /** The records an erasure deleted: their ids and every number they held. */
    public record Erased(List<java.util.UUID> ids, List<String> phones) {
    }

    /** Deletes the tenant's records with any of these numbers or addresses. */
    public Uni<Erased> erase(SqlClient tx, String tenantId, List<String> phones, List<String> emails) {
        return tx
                .preparedQuery("DELETE FROM contact WHERE tenant_id = $1 AND ("
                        + "mobilephone IS NOT NULL AND mobilephone COLLATE \"C\" = ANY($2)"
                        + " OR businessphone IS NOT NULL AND businessphone COLLATE \"C\" = ANY($2)"
                        + " OR businessphone2 IS NOT NULL AND businessphone2 COLLATE \"C\" = ANY($2)"
                        + " OR email IS NOT NULL AND lower(email) COLLATE \"C\" = ANY($3))"
                        + " RETURNING id, mobilephone, businessphone, businessphone2")
                .execute(Tuple.of(tenantId, phones.toArray(String[]::new), emails.toArray(String[]::new))).map(rows -> {
                    List<java.util.UUID> ids = new ArrayList<>();
                    List<String> numbers = new ArrayList<>();
                    rows.forEach(r -> {
                        ids.add(r.getUUID("id"));
                        for (String column : List.of("mobilephone", "businessphone", "businessphone2")) {
                            if (r.getString(column) != null) {
                                numbers.add(r.getString(column));
                            }
                        }
                    });
                    return new Erased(ids, numbers);
                });
    }
}
