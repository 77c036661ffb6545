package io.switchboard.common.ids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Platform-wide ids (an activity's id, minted by whichever service records the call): 63-bit, time-ordered, and unique
 * across every service and replica without asking anyone per id.
 * <p>
 * Layout, most significant first: 41 bits of milliseconds since 2026-01-01T00:00Z (until 2095), 4 bits naming the
 * service, 6 bits naming the replica, 12 bits of sequence within the millisecond (4,096 ids per ms per replica). The
 * replica number is a lease on a row of {@code id_instance_lease} in the service's own schema (migration
 * {@code db/ids}), renewed every {@code lease/3}; a replica whose lease is not confirmed within {@code 2/3} of the
 * lease stops minting until it is, so a number is never used by two live replicas.
 * </p>
 */
@ApplicationScoped
public class PlatformIds {

    static final long EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final int SERVICE_BITS = 4;
    static final int INSTANCE_BITS = 6;
    static final int SEQUENCE_BITS = 12;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

    /** Service numbers are fixed: they are part of every id already minted. */
    private static final Map<String, Integer> SERVICES = Map.of("callback-service", 1, "campaign-service", 2,
            "lead-service", 3, "crm-service", 4, "notification-service", 5);

    private static final String CLAIM = "UPDATE id_instance_lease SET holder = $1, renewed_at = now()"
            + " WHERE instance = (SELECT instance FROM id_instance_lease"
            + " WHERE holder = $1 OR renewed_at < now() - make_interval(secs => $2)"
            + " ORDER BY holder = $1 DESC, renewed_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING instance";
    private static final String RENEW = "UPDATE id_instance_lease SET renewed_at = now() WHERE instance = $1"
            + " AND holder = $2 RETURNING instance";
    private static final String RELEASE = "UPDATE id_instance_lease SET renewed_at = '-infinity', holder = NULL"
            + " WHERE instance = $1 AND holder = $2";

    private final Pool pool;
    private final Vertx vertx;
    private final Clock clock;
    private final int service;
    private final Duration lease;
    private final UUID holder = UUID.randomUUID();

    private int instance = -1;
    /** When the lease was last confirmed by the database (this JVM's clock). */
    private long confirmedAtMillis;
    private long lastMillis = -1;
    private long sequence;
    private Long renewalTimer;

    @Inject
    public PlatformIds(Pool pool, Vertx vertx, @ConfigProperty(name = "quarkus.application.name") String application,
            @ConfigProperty(name = "switchboard.ids.lease", defaultValue = "60s") Duration lease) {
        this(pool, vertx, Clock.systemUTC(), serviceNumber(application), lease);
    }

    PlatformIds(Pool pool, Vertx vertx, Clock clock, int service, Duration lease) {
        this.pool = pool;
        this.vertx = vertx;
        this.clock = clock;
        this.service = service;
        this.lease = lease;
    }

    static int serviceNumber(String application) {
        Integer number = SERVICES.get(application);
        if (number == null) {
            throw new IllegalStateException("No platform id service number for application " + application);
        }
        return number;
    }

    /** A new id; claims or renews this replica's lease first when it needs to. */
    public Uni<Long> next() {
        return ensureLease().map(ignored -> mint());
    }

    /** The service number an id was minted by (1 callback, 2 campaign, 3 lead, 4 crm, 5 notification). */
    public static int serviceOf(long id) {
        return (int) (id >>> (INSTANCE_BITS + SEQUENCE_BITS)) & ((1 << SERVICE_BITS) - 1);
    }

    /** When an id was minted. */
    public static Instant timeOf(long id) {
        return Instant.ofEpochMilli(EPOCH_MILLIS + (id >>> (SERVICE_BITS + INSTANCE_BITS + SEQUENCE_BITS)));
    }

    private synchronized boolean leaseIsFresh() {
        return instance >= 0 && clock.millis() - confirmedAtMillis < lease.toMillis() * 2 / 3;
    }

    private Uni<Void> ensureLease() {
        if (leaseIsFresh()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(CLAIM).execute(Tuple.of(holder, (double) lease.toSeconds())).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw new IllegalStateException("All " + (1 << INSTANCE_BITS)
                        + " platform id instance numbers are leased; too many replicas of this service");
            }
            leased(rows.iterator().next().getInteger("instance"));
            return null;
        });
    }

    synchronized void leased(int number) {
        if (number != instance) {
            Log.infof("Minting platform ids as instance %d of service %d", number, service);
            // A new number may have been another replica's a minute ago: never mint below its last millisecond.
            lastMillis = Math.max(lastMillis, clock.millis());
            sequence = MAX_SEQUENCE;
        }
        instance = number;
        confirmedAtMillis = clock.millis();
        if (renewalTimer == null && vertx != null) {
            renewalTimer = vertx.setPeriodic(Math.max(1000, lease.toMillis() / 3), tick -> renew());
        }
    }

    private void renew() {
        int number;
        synchronized (this) {
            number = instance;
        }
        if (number < 0) {
            return;
        }
        pool.preparedQuery(RENEW).execute(Tuple.of(number, holder)).subscribe().with(rows -> {
            if (rows.iterator().hasNext()) {
                leased(number);
            } else {
                synchronized (this) {
                    instance = -1;
                }
                Log.warnf("Lost platform id instance %d; the next id claims a new one", number);
            }
        }, failure -> Log.debugf("Could not renew platform id instance %d: %s", number, failure.toString()));
    }

    synchronized long mint() {
        if (!leaseIsFresh()) {
            throw new IllegalStateException("The platform id lease is not confirmed; no id can be minted");
        }
        long now = clock.millis();
        if (now < lastMillis) {
            // The clock stepped back: keep counting in the last millisecond seen rather than repeat an id.
            now = lastMillis;
        }
        if (now == lastMillis) {
            sequence++;
            if (sequence > MAX_SEQUENCE) {
                // 4,096 ids in one millisecond: borrow the next one.
                now = lastMillis + 1;
                sequence = 0;
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return ((now - EPOCH_MILLIS) << (SERVICE_BITS + INSTANCE_BITS + SEQUENCE_BITS))
                | ((long) service << (INSTANCE_BITS + SEQUENCE_BITS)) | ((long) instance << SEQUENCE_BITS) | sequence;
    }

    @PreDestroy
    void release() {
        if (renewalTimer != null) {
            vertx.cancelTimer(renewalTimer);
        }
        int number;
        synchronized (this) {
            number = instance;
            instance = -1;
        }
        if (number >= 0) {
            try {
                pool.preparedQuery(RELEASE).execute(Tuple.of(number, holder)).await().atMost(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                Log.debugf("Could not release platform id instance %d; it frees itself after the lease", number);
            }
        }
    }
}
