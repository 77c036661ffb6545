package io.switchboard.campaign.readmodel;

import java.time.OffsetDateTime;

/** A service queue as callback-service (its owner) last announced it. */
public record ServiceQueue(String tenantId, long id, String name, String timeZone, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
