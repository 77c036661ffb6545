package io.switchboard.lead.erasure;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.erasure.OutboxErasure;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * lead-service's part of a customer erasure (GDPR): deletes the tenant's leads with any of the numbers (E.164, any of a
 * lead's three phones) or any of the addresses (a value of the lead's data, ignoring case), removes the dialled number
 * from their attempts and from every other attempt to one of the numbers (the attempts themselves stay, as call
 * statistics without the person), redacts the service's outbox, and answers with counts, all in one transaction. The
 * do-not-call list keeps its numbers: it exists so that those people are not called again.
 */
@ApplicationScoped
public class ErasureService {

    private final Outbox outbox;

    public ErasureService(Outbox outbox) {
        this.outbox = outbox;
    }

    /** @return what this delivery erased: {@code leads} and {@code attempts} (zero for a request already handled) */
    public Uni<Map<String, Long>> erase(String tenantId, ErasureEvents.ErasureRequested request) {
        List<String> phones = clean(request.phoneNumbers(), false);
        List<String> emails = clean(request.emailAddresses(), true);
        return outbox.inTransaction(tx -> tx
                .preparedQuery("INSERT INTO processed_erasure (tenant_id, erasure_id, leads, attempts)"
                        + " VALUES ($1, $2, 0, 0) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, request.erasureId()))
                .flatMap(inserted -> inserted.rowCount() == 0
                        ? Uni.createFrom().item(Map.of("leads", 0L, "attempts", 0L))
                        : erase(tx, tenantId, request.erasureId(), phones, emails))
                .call(counts -> outbox.append(tx, ErasureEvents.COMPLETED, request.erasureId(), request.erasureId(),
                        tenantId, new ErasureEvents.ErasureCompleted(request.erasureId(), "lead-service", counts,
                                OffsetDateTime.now()))));
    }

    private static Uni<Map<String, Long>> erase(SqlConnection tx, String tenantId, String erasureId,
            List<String> phones, List<String> emails) {
        String[] phoneArray = phones.toArray(String[]::new);
        String[] emailArray = emails.toArray(String[]::new);
        return tx.preparedQuery("SELECT id FROM lead WHERE tenant_id = $1 AND (id IN (SELECT lead_id FROM lead_phone"
                + " WHERE tenant_id = $1 AND phone = ANY($2)) OR (cardinality($3::text[]) > 0 AND EXISTS (SELECT 1"
                + " FROM jsonb_each_text(lead_data) d WHERE lower(d.value) = ANY($3))))")
                .execute(Tuple.of(tenantId, phoneArray, emailArray)).flatMap(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getLong("id")));
                    Long[] idArray = ids.toArray(Long[]::new);
                    return tx
                            .preparedQuery("UPDATE lead_attempt SET phone_number = NULL WHERE tenant_id = $1"
                                    + " AND phone_number IS NOT NULL AND (lead_id = ANY($2) OR phone_number = ANY($3))")
                            .execute(Tuple.of(tenantId, idArray, phoneArray))
                            .flatMap(attempts -> tx
                                    .preparedQuery("DELETE FROM lead_phone p USING lead l WHERE l.tenant_id = $1"
                                            + " AND l.id = ANY($2) AND p.tenant_id = l.tenant_id AND p.lead_id = l.id"
                                            + " AND p.phone IN (l.phone1, l.phone2, l.phone3)")
                                    .execute(Tuple.of(tenantId, idArray))
                                    .flatMap(ignored -> tx
                                            .preparedQuery("DELETE FROM lead WHERE tenant_id = $1 AND id = ANY($2)")
                                            .execute(Tuple.of(tenantId, idArray)))
                                    .map(leads -> Map.of("leads", (long) leads.rowCount(), "attempts",
                                            (long) attempts.rowCount())));
                }).call(counts -> OutboxErasure.redact(tx, phones, emails))
                .call(counts -> tx
                        .preparedQuery("UPDATE processed_erasure SET leads = $3, attempts = $4 WHERE tenant_id = $1"
                                + " AND erasure_id = $2")
                        .execute(Tuple.of(tenantId, erasureId, counts.get("leads"), counts.get("attempts"))));
    }

    private static List<String> clean(List<String> values, boolean lowerCase) {
        List<String> cleaned = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    cleaned.add(lowerCase ? v.trim().toLowerCase(Locale.ROOT) : v.trim());
                }
            }
        }
        return cleaned;
    }
}
