package io.switchboard.crm.erasure;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An erasure's audit record: who asked, when, by which kinds of identifier, and what each service erased. It holds no
 * personal data (not the number, not the address).
 *
 * @param crmErased
 *            crm-service's own counts: {@code records}, {@code callLogs}, {@code activities}, {@code media}
 * @param answers
 *            the answers received so far, by service
 */
public record Erasure(UUID id, String tenantId, String requestedBy, OffsetDateTime requestedAt, boolean byPhone,
        boolean byEmail, List<String> participants, Map<String, Long> crmErased, Map<String, Answer> answers,
        OffsetDateTime completedAt) {

    public record Answer(Map<String, Long> erased, OffsetDateTime answeredAt) {
    }

    public boolean completed() {
        return completedAt != null;
    }

    /** Everything erased so far by kind: crm-service's counts and every answer's, added up. */
    public long count(String kind) {
        long total = crmErased.getOrDefault(kind, 0L);
        for (Answer a : answers.values()) {
            total += a.erased().getOrDefault(kind, 0L);
        }
        return total;
    }
}
