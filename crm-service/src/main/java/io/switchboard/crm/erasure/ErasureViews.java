package io.switchboard.crm.erasure;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the erasure endpoints answer. */
final class ErasureViews {

    private ErasureViews() {
    }

    /** The seed's customer-deletion answer: counts of what was erased. */
    record Result(CallData callData, EmailData emailData, LeadData leadData) {

        static Result of(Erasure e) {
            return new Result(
                    new CallData(e.count("callbacks"), e.count("callLogs"), e.count("activities"), e.count("media")),
                    new EmailData(e.count("records")), new LeadData(e.count("leads"), e.count("attempts")));
        }
    }

    record CallData(long callbacks, long callLogs, long activities, long media) {
    }

    record EmailData(long records) {
    }

    record LeadData(long leads, long attempts) {
    }

    /** An erasure still under way when the request's wait ended. */
    record Accepted(UUID erasureId, String status, List<String> awaiting) {
    }

    record Participant(String service, boolean answered, OffsetDateTime answeredAt, Map<String, Long> erased) {
    }

    /** The audit record: who asked, when, by what kind of identifier, and every count. No personal data. */
    record Status(UUID erasureId, String status, String requestedBy, OffsetDateTime requestedAt, boolean byPhone,
            boolean byEmail, OffsetDateTime completedAt, Map<String, Long> crmErased, List<Participant> participants,
            Result result) {

        static Status of(Erasure e) {
            List<Participant> participants = e.participants().stream().map(service -> {
                Erasure.Answer a = e.answers().get(service);
                return new Participant(service, a != null, a == null ? null : a.answeredAt(),
                        a == null ? null : a.erased());
            }).toList();
            return new Status(e.id(), ErasureViews.status(e), e.requestedBy(), e.requestedAt(), e.byPhone(),
                    e.byEmail(), e.completedAt(), e.crmErased(), participants, Result.of(e));
        }
    }

    static String status(Erasure e) {
        return e.completed() ? "completed" : "in-progress";
    }

    static List<String> awaiting(Erasure e) {
        return e.participants().stream().filter(p -> !e.answers().containsKey(p)).toList();
    }
}
