package io.switchboard.campaign.queue;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.CampaignConfig;
import io.switchboard.campaign.campaign.Campaign;
import io.switchboard.campaign.campaign.CampaignRepository;
import io.switchboard.campaign.ewt.EwtAccuracy;
import io.switchboard.campaign.ewt.EwtCalculator;
import io.switchboard.campaign.ewt.EwtService;
import io.switchboard.campaign.ewt.estimator.WaitEstimate;
import io.switchboard.campaign.livequeue.LiveQueue;
import io.switchboard.campaign.livequeue.LiveQueueRepository;
import io.switchboard.campaign.queue.PeriodStatistics.Increment;
import io.switchboard.campaign.readmodel.ServiceQueueRepository;
import io.switchboard.campaign.readmodel.UnknownServiceQueueException;
import io.switchboard.campaign.user.AgentPresenceEvents;
import io.switchboard.campaign.user.UserRepository;
import io.switchboard.common.input.Input;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.problem.ProblemException;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * THE rules for queue events, whichever way they arrive (API, Kafka, Platform availability): each event is applied
 * once, in one transaction, to the queue's live state, its hour and day counters and the EWT accuracy figures.
 */
@ApplicationScoped
public class QueueEventService {

    private final CampaignRepository campaigns;
    private final UserRepository users;
    private final LiveQueueRepository queues;
    private final PeriodStatistics statistics;
    private final EwtCalculator calculator;
    private final EwtAccuracy accuracy;
    private final EwtService ewt;
    private final Outbox outbox;
    private final CampaignConfig.Ewt config;
    private final AgentPresenceEvents presenceEvents;
    private final CampaignConfig.QueueEvents limits;
    private final ServiceQueueRepository serviceQueues;

    public QueueEventService(CampaignRepository campaigns, UserRepository users, LiveQueueRepository queues,
            PeriodStatistics statistics, EwtCalculator calculator, EwtAccuracy accuracy, EwtService ewt, Outbox outbox,
            CampaignConfig config, AgentPresenceEvents presenceEvents, ServiceQueueRepository serviceQueues) {
        this.serviceQueues = serviceQueues;
        this.campaigns = campaigns;
        this.users = users;
        this.queues = queues;
        this.statistics = statistics;
        this.calculator = calculator;
        this.accuracy = accuracy;
        this.ewt = ewt;
        this.outbox = outbox;
        this.config = config.ewt();
        this.presenceEvents = presenceEvents;
        this.limits = config.queueEvents();
    }

    /**
     * What applying an event did.
     *
     * @param duplicate
     *            the event id was applied before; nothing changed
     * @param quotedEwtSeconds
     *            for a call that joined the queue, the EWT it was quoted
     */
    public record Applied(String eventId, boolean duplicate, Long campaignId, Integer callsWaiting,
            Long quotedEwtSeconds) {
    }

    public Uni<Applied> apply(String tenantId, QueueEvent event) {
        validate(event);
        OffsetDateTime at = event.occurredAt() != null ? event.occurredAt() : OffsetDateTime.now();
        return outbox.inTransaction(tx -> queues.markProcessed(tx, tenantId, event.eventId()).flatMap(fresh -> {
            if (!fresh) {
                return Uni.createFrom().item(new Applied(event.eventId(), true, event.campaignId(), null, null));
            }
            return campaignOf(tx, tenantId, event).flatMap(campaignId -> campaignId == null
                    ? setPresence(tx, tenantId, event, null, at)
                            .replaceWith(new Applied(event.eventId(), false, null, null, null))
                    : campaigns.find(tx, tenantId, campaignId).onItem().ifNull()
                            .failWith(() -> ProblemException.notFound("No campaign with id " + campaignId + "."))
                            .flatMap(campaign -> applyToQueue(tx, campaign, event, at)));
        }));
    }

    /** The campaign an event is about; for an agent event without one, the agent's current campaign (maybe none). */
    private Uni<Long> campaignOf(SqlConnection tx, String tenantId, QueueEvent event) {
        if (event.campaignId() != null || !event.type().isAgentEvent()) {
            return Uni.createFrom().item(event.campaignId());
        }
        return users.find(tx, tenantId, event.agentId()).onItem().ifNull().failWith(() -> noAgent(event.agentId()))
                .map(user -> user.campaignId());
    }

    /**
     * Applies the event to the campaign's queue: the service queue of the campaign's id, which callback-service must
     * have announced. A call event for a queue it has not announced (or deleted) is refused with
     * {@link UnknownServiceQueueException}; an agent's presence is the campaign's and is kept without a queue.
     */
    private Uni<Applied> applyToQueue(SqlConnection tx, Campaign campaign, QueueEvent event, OffsetDateTime at) {
        if (!event.type().isAgentEvent()) {
            return serviceQueues.require(tx, campaign.tenantId(), campaign.id())
                    .flatMap(serviceQueue -> apply(tx, campaign, event, at));
        }
        return serviceQueues.findShared(tx, campaign.tenantId(), campaign.id())
                .flatMap(serviceQueue -> serviceQueue != null ? apply(tx, campaign, event, at)
                        : setPresence(tx, campaign.tenantId(), event, campaign.id(), at)
                                .replaceWith(new Applied(event.eventId(), false, campaign.id(), null, null)));
    }

    private Uni<Applied> apply(SqlConnection tx, Campaign campaign, QueueEvent event, OffsetDateTime at) {
        String tenantId = campaign.tenantId();
        long queue = campaign.id();
        return queues.lock(tx, tenantId, queue).flatMap(q -> users.staffing(tx, tenantId, queue)
                .flatMap(staffed -> queues.headEnteredAt(tx, tenantId, queue).flatMap(
                        head -> change(tx, campaign, q.advance(at, staffed, head, config), staffed, head, event, at))))
                .flatMap(change -> queues.save(tx, change.queue())
                        .flatMap(saved -> ewt.announceIfChanged(tx, change.queue(), at))
                        .map(announced -> new Applied(event.eventId(), false, queue, change.queue().callsWaiting(),
                                change.quote() == null ? null : Math.round(change.quote().seconds()))));
    }

    private record Change(LiveQueue queue, WaitEstimate quote) {
    }

    /**
     * @param head
     *            when the longest-waiting caller joined, before this event; null when nobody waited
     */
    private Uni<Change> change(SqlConnection tx, Campaign campaign, LiveQueue q, int staffed, OffsetDateTime head,
            QueueEvent event, OffsetDateTime at) {
        String tenantId = campaign.tenantId();
        long queue = campaign.id();
        return switch (event.type()) {
            case CALL_ENTERED_QUEUE -> Uni.createFrom().deferred(() -> {
                WaitEstimate quote = calculator.estimate(q, staffed, head, at);
                return queues.addWaitingCall(tx, tenantId, queue, event.callId(), at, quote.seconds(),
                        quote.lowerSeconds(), quote.upperSeconds(), quote.method().name()).flatMap(added -> {
                            if (!added) {
                                return Uni.createFrom().failure(ProblemException.conflict(
                                        "Call " + event.callId() + " is already waiting in campaign " + queue + "."));
                            }
                            return statistics
                                    .add(tx, tenantId, queue, campaign.zone(), at, new Increment(1, 0, 0, 0, null))
                                    .replaceWith(new Change(q.joined(), quote));
                        });
            });
            case CALL_ANSWERED, CALL_ABANDONED_IN_QUEUE ->
                    queues.removeWaitingCall(tx, tenantId, queue, event.callId()).onItem().ifNull()
                            .failWith(() -> ProblemException
                                    .notFound("Call " + event.callId() + " is not waiting in campaign " + queue + "."))
                            .flatMap(call -> {
                                double wait = LiveQueue.secondsBetween(call.enteredAt(), at);
                                if (event.type() == QueueEventType.CALL_ANSWERED) {
                                    return statistics
                                            .add(tx, tenantId, queue, campaign.zone(), at,
                                                    new Increment(0, 1, 0, 0, wait))
                                            .flatMap(ignored -> accuracy.record(tx, tenantId, queue, call.quoted(),
                                                    call.lower(), call.upper(), wait))
                                            .replaceWith(new Change(q.answered(wait, head, config), null));
                                }
                                return statistics
                                        .add(tx, tenantId, queue, campaign.zone(), at, new Increment(0, 0, 0, 1, wait))
                                        .replaceWith(new Change(q.abandoned(), null));
                            });
            case CALL_ABANDONED_IN_WORKFLOW ->
                    statistics.add(tx, tenantId, queue, campaign.zone(), at, new Increment(1, 0, 1, 0, null))
                            .replaceWith(new Change(q, null));
            case AGENT_AVAILABLE, AGENT_UNAVAILABLE ->
                    setPresence(tx, tenantId, event, queue, at).replaceWith(new Change(q, null));
        };
    }

    private Uni<Void> setPresence(SqlConnection tx, String tenantId, QueueEvent event, Long campaignId,
            OffsetDateTime at) {
        return users
                .setPresence(tx, tenantId, event.agentId(), event.type() == QueueEventType.AGENT_AVAILABLE, campaignId,
                        at)
                .onItem().ifNull().failWith(() -> noAgent(event.agentId()))
                .flatMap(presence -> presence.changed() ? presenceEvents.append(tx, presence.agent(), at)
                        : Uni.createFrom().voidItem());
    }

    private static ProblemException noAgent(Long agentId) {
        return ProblemException.notFound("No agent with id " + agentId + ".");
    }

    private void validate(QueueEvent event) {
        if (event == null) {
            throw ProblemException.badRequest("A JSON body with eventId and type is required.");
        }
        Input.check().text("eventId", event.eventId(), Input.ID).text("callId", event.callId(), Input.ID)
                .within("occurredAt", event.occurredAt(), limits.maxAge(), limits.maxAhead()).done();
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw ProblemException.badRequest("eventId is required: a unique id per event, for deduplication.");
        }
        if (event.type() == null) {
            throw ProblemException.badRequest("type is required: call-entered-queue, call-answered,"
                    + " call-abandoned-in-workflow, call-abandoned-in-queue, agent-available or agent-unavailable.");
        }
        if (event.type().isAgentEvent()) {
            if (event.agentId() == null) {
                throw ProblemException.badRequest("agentId is required on " + wire(event.type()) + " events.");
            }
            return;
        }
        if (event.campaignId() == null) {
            throw ProblemException.badRequest("campaignId is required on " + wire(event.type()) + " events.");
        }
        if (event.callId() == null || event.callId().isBlank()) {
            throw ProblemException.badRequest("callId is required on " + wire(event.type()) + " events.");
        }
    }

    private static String wire(QueueEventType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
