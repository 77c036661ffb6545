package io.switchboard.common.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PlatformIdsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123Z");

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldMintUniqueIncreasingIdsThatNameTheirServiceAndTime() {
        HandClock clock = new HandClock();
        PlatformIds ids = new PlatformIds(null, null, clock, PlatformIds.serviceNumber("lead-service"),
                Duration.ofSeconds(60));
        ids.leased(7);
        Set<Long> seen = new HashSet<>();
        long previous = 0;
        for (int i = 0; i < 10_000; i++) {
            if (i % 1000 == 0) {
                clock.now = clock.now.plusMillis(1);
            }
            long id = ids.mint();
            assertThat(id).isPositive().isGreaterThan(previous);
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
        assertThat(PlatformIds.serviceOf(previous)).isEqualTo(3);
        // 10,000 ids in 10 ms overflow the 4,096 per millisecond: the minter borrows later milliseconds.
        assertThat(PlatformIds.timeOf(previous)).isAfterOrEqualTo(NOW.plusMillis(10));
    }

    @Test
    void shouldNeverRepeatAnIdWhenTheClockStepsBack() {
        HandClock clock = new HandClock();
        PlatformIds ids = new PlatformIds(null, null, clock, 4, Duration.ofSeconds(60));
        ids.leased(0);
        long before = ids.mint();
        clock.now = clock.now.minusSeconds(5);
        assertThat(ids.mint()).isGreaterThan(before);
    }

    @Test
    void shouldKeepReplicasAndServicesApart() {
        HandClock clock = new HandClock();
        PlatformIds leadReplicaA = new PlatformIds(null, null, clock, 3, Duration.ofSeconds(60));
        PlatformIds leadReplicaB = new PlatformIds(null, null, clock, 3, Duration.ofSeconds(60));
        PlatformIds crm = new PlatformIds(null, null, clock, 4, Duration.ofSeconds(60));
        leadReplicaA.leased(1);
        leadReplicaB.leased(2);
        crm.leased(1);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            assertThat(seen.add(leadReplicaA.mint())).isTrue();
            assertThat(seen.add(leadReplicaB.mint())).isTrue();
            assertThat(seen.add(crm.mint())).isTrue();
        }
    }

    @Test
    void shouldStopMintingWhenTheLeaseIsNotConfirmed() {
        HandClock clock = new HandClock();
        PlatformIds ids = new PlatformIds(null, null, clock, 3, Duration.ofSeconds(60));
        assertThatThrownBy(ids::mint).isInstanceOf(IllegalStateException.class);
        ids.leased(5);
        ids.mint();
        clock.now = clock.now.plusSeconds(41);
        assertThatThrownBy(ids::mint).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseAnUnknownService() {
        assertThatThrownBy(() -> PlatformIds.serviceNumber("billing-service"))
                .isInstanceOf(IllegalStateException.class);
    }
}
