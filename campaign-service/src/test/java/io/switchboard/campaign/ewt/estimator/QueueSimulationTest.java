package io.switchboard.campaign.ewt.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.switchboard.campaign.ewt.estimator.QueueSimulation.Predictor;

/** A short run of the benchmark's simulation, checked against the closed form of M/M/s. */
class QueueSimulationTest {

    @Test
    void shouldMatchTheClosedFormOfMMs() {
        // In M/M/s a delayed caller's wait is exponential with mean 1/(s mu (1 - rho)), and QL's relative squared
        // error is exactly 1 - rho.
        QueueSimulation.Result r = new QueueSimulation(100, 1.0, 0.9, 0, new RateHistory.Memory(24, 8640), 2009)
                .run(20_000, 400_000);

        assertThat(r.delayedServed).isGreaterThan(50_000);
        assertThat(r.meanWait()).isCloseTo(1 / (100 * 0.1), within(0.1 * 0.1));
        assertThat(r.relativeSquaredError(Predictor.QL)).isCloseTo(0.1, within(0.015));
        // Without abandonment, QL with abandonment is QL.
        assertThat(r.relativeSquaredError(Predictor.QL_ABANDONMENT)).isCloseTo(r.relativeSquaredError(Predictor.QL),
                within(1e-12));
        assertThat(r.relativeSquaredError(Predictor.SWITCHBOARD)).isCloseTo(0.1, within(0.015));
        assertThat(r.switchboardCoverage()).isGreaterThan(0.9);
    }

    @Test
    void shouldFallBackToDelayHistoryWithoutStaffing() {
        WaitEstimate hol = WaitEstimator.estimate(new QueueSnapshot(3, 0, 0.01, 0, 120, 90));
        assertThat(hol.method()).isEqualTo(WaitEstimate.Method.HEAD_OF_LINE);
        assertThat(hol.seconds()).isCloseTo(160, within(1e-9));
        assertThat(hol.lowerSeconds()).isEqualTo(0);
        assertThat(hol.upperSeconds()).isCloseTo(320, within(1e-9));

        WaitEstimate les = WaitEstimator.estimate(new QueueSnapshot(0, 0, 0.01, 0, Double.NaN, 90));
        assertThat(les.method()).isEqualTo(WaitEstimate.Method.LAST_TO_ENTER_SERVICE);
        assertThat(les.seconds()).isEqualTo(90);

        WaitEstimate ql = WaitEstimator.estimate(new QueueSnapshot(4, 2, 0.01, 0.001, 50, 90));
        assertThat(ql.method()).isEqualTo(WaitEstimate.Method.QUEUE_LENGTH);
        double expected = 1 / 0.02 + 1 / 0.021 + 1 / 0.022 + 1 / 0.023 + 1 / 0.024;
        assertThat(ql.seconds()).isCloseTo(expected, within(1e-9));
        assertThat(ql.lowerSeconds()).isLessThan(expected);
        assertThat(ql.upperSeconds()).isGreaterThan(expected);
    }
}
