package io.switchboard.callback.request;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.queue.ServiceQueue;
import io.switchboard.callback.request.CallbackRejection.Reason;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Intake rate limits, counted in Postgres so that every replica shares them: per number and queue per clock hour (the
 * queue's {@code maxRequestsPerNumberPerHour}) and per tenant per minute ({@code tenant_intake_limit}, else
 * {@code switchboard.callback.tenant-requests-per-minute}; 0 = no limit). Both counters are raised in one statement,
 * outside the intake transaction, so a busy tenant's counter row is held for that statement only.
 */
@ApplicationScoped
public class IntakeRateLimiter {

    private static final String COUNT = "INSERT INTO intake_rate (scope, window_start, hits) SELECT * FROM"
            + " unnest($1::text[], $2::timestamptz[], $3::int[]) ON CONFLICT (scope, window_start)"
            + " DO UPDATE SET hits = intake_rate.hits + 1 RETURNING scope, hits";
    private static final Duration TENANT_LIMIT_TTL = Duration.ofSeconds(30);

    private final Pool pool;
    private final int defaultTenantLimit;
    private final Map<String, long[]> tenantLimits = new ConcurrentHashMap<>();

    public IntakeRateLimiter(Pool pool,
            @ConfigProperty(name = "switchboard.callback.tenant-requests-per-minute", defaultValue = "0") int defaultTenantLimit) {
        this.pool = pool;
        this.defaultTenantLimit = defaultTenantLimit;
    }

    /** Counts the request; fails with {@link Reason#RATE_LIMITED} when it is over a limit. */
    public Uni<Void> count(String tenantId, ServiceQueue queue, String e164) {
        return tenantLimit(tenantId).flatMap(tenantLimit -> {
            int numberLimit = queue.maxRequestsPerNumberPerHour() == null ? 0 : queue.maxRequestsPerNumberPerHour();
            if (numberLimit == 0 && tenantLimit == 0) {
                return Uni.createFrom().voidItem();
            }
            Instant now = Instant.now();
            OffsetDateTime hour = now.truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC);
            OffsetDateTime minute = now.truncatedTo(ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC);
            List<String> scopes = new ArrayList<>(2);
            List<OffsetDateTime> windows = new ArrayList<>(2);
            String numberScope = "n:" + tenantId + ":" + queue.id() + ":" + e164;
            String tenantScope = "t:" + tenantId;
            if (numberLimit > 0) {
                scopes.add(numberScope);
                windows.add(hour);
            }
            if (tenantLimit > 0) {
                scopes.add(tenantScope);
                windows.add(minute);
            }
            Integer[] ones = scopes.stream().map(s -> 1).toArray(Integer[]::new);
            return pool.preparedQuery(COUNT)
                    .execute(Tuple.of(scopes.toArray(String[]::new), windows.toArray(OffsetDateTime[]::new), ones))
                    .flatMap(rows -> {
                        for (Row row : rows) {
                            boolean number = row.getString("scope").equals(numberScope);
                            int hits = row.getInteger("hits");
                            if (number && hits > numberLimit) {
                                return limited("for this number in this service queue", hour.plusHours(1).toInstant(),
                                        now);
                            }
                            if (!number && hits > tenantLimit) {
                                return limited("for this tenant", minute.plusMinutes(1).toInstant(), now);
                            }
                        }
                        return Uni.createFrom().voidItem();
                    });
        });
    }

    private static Uni<Void> limited(String scope, Instant windowEnd, Instant now) {
        long seconds = Math.max(1, Duration.between(now, windowEnd).toSeconds() + 1);
        return Uni.createFrom().failure(new CallbackRejection(Reason.RATE_LIMITED,
                "The limit " + scope + " is reached; try again in " + seconds + " s.", seconds));
    }

    private Uni<Integer> tenantLimit(String tenantId) {
        long[] cached = tenantLimits.get(tenantId);
        long now = System.nanoTime();
        if (cached != null && now - cached[1] < TENANT_LIMIT_TTL.toNanos()) {
            return Uni.createFrom().item((int) cached[0]);
        }
        return pool.preparedQuery("SELECT requests_per_minute FROM tenant_intake_limit WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    int limit = rows.iterator().hasNext() ? rows.iterator().next().getInteger(0) : defaultTenantLimit;
                    if (tenantLimits.size() > 10_000) {
                        tenantLimits.clear();
                    }
                    tenantLimits.put(tenantId, new long[] { limit, now });
                    return limit;
                });
    }

    /** Sweeps windows that ended more than a day ago. */
    @Scheduled(every = "10m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return pool.preparedQuery("DELETE FROM intake_rate WHERE window_start < now() - interval '1 day'").execute()
                .replaceWithVoid().onFailure().recoverWithItem(failure -> {
                    Log.debugf("Intake rate sweep failed: %s", failure.toString());
                    return null;
                });
    }
}
