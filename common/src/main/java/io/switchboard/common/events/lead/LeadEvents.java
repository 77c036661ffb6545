package io.switchboard.common.events.lead;

import java.time.OffsetDateTime;

import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * Lead lists, bulk imports and dialler attempts, owned by lead-service and published on
 * {@code switchboard.lead-events}. Every event carries the tenant in the CloudEvent extension {@code tenantid}.
 * <ul>
 * <li>{@link #LIST_CHANGED}: key {@code tenant:list:listId}, subject the list id. campaign-service keeps the lists of
 * each campaign from it.</li>
 * <li>{@link #IMPORT_COMPLETED}: key {@code tenant:import:uuid}, subject the import's uuid. notification-service turns
 * it into a webhook.</li>
 * <li>{@link #ATTEMPT_RECORDED}: key {@code tenant:lead:leadId} (one lead's attempts stay in order), subject the
 * activity id. crm-service records the attempt as an activity under {@code activityId}.</li>
 * </ul>
 */
public final class LeadEvents {

    /** A lead list was created or changed: its whole state after the change. */
    public static final EventType<ListChanged> LIST_CHANGED = EventType.of(Topics.LEAD_EVENTS,
            "switchboard.lead.list-changed", ListChanged.class);
    /** A bulk import (JSON or CSV) finished, successfully or not. */
    public static final EventType<ImportCompleted> IMPORT_COMPLETED = EventType.of(Topics.LEAD_EVENTS,
            "switchboard.lead.import-completed", ImportCompleted.class);
    /** A dialler reported the outcome of one call attempt to a lead. */
    public static final EventType<AttemptRecorded> ATTEMPT_RECORDED = EventType.of(Topics.LEAD_EVENTS,
            "switchboard.lead.attempt-recorded", AttemptRecorded.class);

    private LeadEvents() {
    }

    /**
     * @param inDialler
     *            whether diallers take leads from the list
     * @param weight
     *            the list's weight within its campaign (1 unless set)
     * @param defaultList
     *            the campaign's default list, where contacts of the Buzzeasy Campaign API go
     */
    public record ListChanged(long listId, long campaignId, String name, boolean inDialler, int weight,
            boolean defaultList, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /**
     * The outcome of a bulk import. Counts are of data rows (a CSV's header row is not one).
     *
     * @param importId
     *            the uuid the import was accepted under ({@code GET /platform-api/v3.0/leads/bulk/{uuid}})
     * @param listId
     *            the list of a CSV import; null for a JSON bulk import, whose rows each name their list
     * @param status
     *            {@code completed} or {@code failed} (the upload could not be read to its end; rows before the failure
     *            are kept)
     * @param total
     *            rows read
     * @param accepted
     *            rows that became leads
     * @param rejected
     *            rows refused by validation (listed on the import's error pages)
     * @param duplicates
     *            rows skipped because the list already had their customerKey or their campaign one of their phones
     * @param rowsPerSecond
     *            rows read per second of import work
     */
    public record ImportCompleted(String importId, Long listId, String status, long total, long accepted, long rejected,
            long duplicates, double rowsPerSecond, OffsetDateTime startedAt, OffsetDateTime completedAt) {
    }

    /**
     * One call attempt to a lead, as a dialler reported it ({@code POST /api/v1/dialler/attempts}). This is what
     * crm-service records as an activity.
     *
     * @param attemptId
     *            lead-service's id of the attempt ({@code GET /platform-api/v3.0/dialler/{attemptId}})
     * @param activityId
     *            the platform-wide activity id minted for this attempt ({@code io.switchboard.common.ids.PlatformIds},
     *            time-ordered, unique across services): crm-service records the activity under exactly this id, so
     *            {@code GET /platform-api/v3.0/activities/{activityId}} finds it, and a redelivered event must not
     *            create a second activity
     * @param parentActivityId
     *            the activity of the lead's previous attempt; null on its first attempt
     * @param rootActivityId
     *            the activity of the lead's first attempt; null on the first attempt itself. With
     *            {@code parentActivityId} it links a lead's attempts into one chain
     * @param leadId
     *            the lead dialled
     * @param campaignId
     *            the lead's campaign
     * @param listId
     *            the lead's list
     * @param customerKey
     *            the lead's external id in the customer's system, when it has one
     * @param phoneIndex
     *            which of the lead's phones was dialled, 1 to 3
     * @param phoneNumber
     *            the number dialled, E.164 (personal data: erasure redacts it)
     * @param dialStatusId
     *            the dialler's outcome code (also the lead's new {@code lastStatusCode})
     * @param dialStatusName
     *            the dialler's name for it, e.g. {@code Answered} (the lead's new {@code lastStatusDescription})
     * @param type
     *            the activity type, {@code call.outbound} unless the dialler said otherwise
     * @param startedAt
     *            when dialling started
     * @param endedAt
     *            when the call ended; null when the dialler did not say
     * @param agentId
     *            the agent who took the call, when one did
     * @param leadCompleted
     *            whether the lead is complete after this attempt (by the campaign's dialling policy)
     * @param nextAttemptAt
     *            when the lead is due again; null when it is complete
     */
    public record AttemptRecorded(long attemptId, long activityId, Long parentActivityId, Long rootActivityId,
            long leadId, long campaignId, long listId, String customerKey, int phoneIndex, String phoneNumber,
            int dialStatusId, String dialStatusName, String type, OffsetDateTime startedAt, OffsetDateTime endedAt,
            Long agentId, boolean leadCompleted, OffsetDateTime nextAttemptAt) {
    }
}
