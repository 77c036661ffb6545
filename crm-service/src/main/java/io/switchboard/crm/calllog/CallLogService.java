package io.switchboard.crm.calllog;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.ids.PlatformIds;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.crm.activity.Activity;
import io.switchboard.crm.activity.ActivityRepository;
import io.switchboard.crm.calllog.CallLog.CallType;
import io.switchboard.crm.calllog.CallLog.Direction;
import io.switchboard.crm.tenant.TenantSettings;
import io.vertx.core.json.JsonObject;

/** Stores a SwitchTransact call log and, in the same transaction, its activity. */
@ApplicationScoped
public class CallLogService {

    private final CallLogRepository logs;
    private final ActivityRepository activities;
    private final PlatformIds ids;
    private final Outbox outbox;

    public CallLogService(CallLogRepository logs, ActivityRepository activities, PlatformIds ids, Outbox outbox) {
        this.logs = logs;
        this.activities = activities;
        this.ids = ids;
        this.outbox = outbox;
    }

    /**
     * @return the activity's id
     *
     * @throws io.switchboard.crm.InvalidInputException
     *             naming the first field that cannot be used
     */
    public Uni<Long> log(TenantSettings settings, CallLogInput input) {
        CallLog log = CallLogParser.parse(input, settings);
        return ids.next().flatMap(activityId -> outbox.inTransaction(tx -> logs.insert(tx, log, activityId)
                .flatMap(ignored -> activities.insert(tx, activityOf(log, activityId))).replaceWith(activityId)));
    }

    static Activity activityOf(CallLog log, long activityId) {
        String type = log.callType() == CallType.Missed ? Activity.MISSED
                : log.direction() == Direction.Inbound ? Activity.INBOUND : Activity.OUTBOUND;
        JsonObject agent = new JsonObject().put("firstName", log.agentFirstName()).put("lastName", log.agentLastName())
                .put("email", log.agentEmail());
        JsonObject data = new JsonObject().put("source", Activity.CALL_LOG).put("callLogId", log.id().toString())
                .put("callType", log.callType().name()).put("callDirection", log.direction().name())
                .put("phoneNumber", log.phoneNumber()).put("name", log.name()).put("entityId", log.entityId())
                .put("entityType", log.entityType()).put("agent", agent).put("duration", log.durationSeconds())
                .put("durationTimespan", log.durationTimespanSeconds());
        return new Activity(activityId, log.tenantId(), type, Activity.CALL_LOG, log.id().toString(), null, null, null,
                log.phoneNumber(), log.startedAt(), log.endedAt(), data, null);
    }
}
