package io.switchboard.campaign.ewt.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

/** How the service learns mu and theta from the queue events it is told about. */
class RateHistoryTest {

    /** The service's defaults: PT2H recent, P30D settled. */
    private static final RateHistory.Memory DEFAULTS = new RateHistory.Memory(2 * 3600, 30 * 24 * 3600);
    private static final RateHistory.Memory FOREVER = new RateHistory.Memory(1e12, 1e12);

    @Test
    void shouldLearnTheRatesItWasNotGiven() {
        // 10 agents busy for 100 s while 4 callers wait: 250 answers (mu 0.25) and 40 abandonments (theta 0.1).
        RateHistory h = RateHistory.startingAt(0).advance(100, 4, 10, 0, FOREVER);
        for (int i = 0; i < 250; i++) {
            h = h.answered(0);
        }
        for (int i = 0; i < 40; i++) {
            h = h.abandoned();
        }
        assertThat(h.serviceRate(1, 10)).isCloseTo(0.25, within(1e-6));
        assertThat(h.abandonmentRate(0, 10)).isCloseTo(0.1, within(1e-6));
        assertThat(RateHistory.startingAt(0).serviceRate(0.003, 10)).isEqualTo(0.003);
    }

    @Test
    void shouldNotTakeACallAnsweredAtOnceForAnAgentFinishingACall() {
        // Quiet hours: 1,000 calls each join and are answered within a second, so agents were free all along.
        RateHistory h = RateHistory.startingAt(0);
        for (int i = 0; i < 1000; i++) {
            double joined = i * 60.0;
            h = h.advance(joined, 0, 10, Double.NaN, FOREVER);
            double allBusySince = RateHistory.allBusySince(joined, 5);
            h = h.advance(joined + 0.8, 1, 10, allBusySince, FOREVER).answered(allBusySince);
        }
        assertThat(h.settled().completions()).isZero();
        assertThat(h.settled().busyAgentSeconds()).isZero();
        assertThat(h.serviceRate(1.0 / 300, 20)).isEqualTo(1.0 / 300);
    }

    @Test
    void shouldCountAgentTimeOnlyOnceTheHeadOfTheLineHasWaitedPastTheRoutingAllowance() {
        // The head joined at 100; with a 5 s allowance all 10 agents are known busy from 105 to 130.
        double allBusySince = RateHistory.allBusySince(100, 5);
        RateHistory h = RateHistory.startingAt(100).advance(130, 1, 10, allBusySince, FOREVER).answered(allBusySince);
        assertThat(h.settled().busyAgentSeconds()).isCloseTo(250, within(1e-9));
        assertThat(h.settled().completions()).isEqualTo(1);
    }

    @Test
    void shouldBePreciseWhileTheQueueIsSteadyAndFollowAChangeWithinHours() {
        // 20 agents, always busy with someone waiting: handling time 300 s for three days, then 200 s.
        SplittableRandom random = new SplittableRandom(7);
        double change = 3 * 24 * 3600;
        RateHistory steady = serve(RateHistory.startingAt(0), random, change, 20, 1.0 / 300);
        assertThat(steady.serviceRate(1, 20)).isCloseTo(1.0 / 300, within(0.02 / 300));

        RateHistory changed = serve(steady, random, change + 3 * 3600, 20, 1.0 / 200);
        assertThat(changed.serviceRate(1, 20)).isCloseTo(1.0 / 200, within(0.1 / 200));
    }

    @Test
    void shouldFollowCallersWhoBecomeLessPatientWithinADay() {
        // Ten callers always waiting; each gives up at rate 1/600 s for three days, then 1/200 s.
        SplittableRandom random = new SplittableRandom(11);
        double change = 3 * 24 * 3600;
        RateHistory steady = abandon(RateHistory.startingAt(0), random, change, 10, 1.0 / 600);
        assertThat(steady.abandonmentRate(0, 600)).isCloseTo(1.0 / 600, within(0.03 / 600));

        // Fewer events than answers: after 3 hours the estimate is past half way, after a day it has arrived.
        RateHistory changed = abandon(steady, random, change + 3 * 3600, 10, 1.0 / 200);
        assertThat(changed.abandonmentRate(0, 600)).isGreaterThan((1.0 / 600 + 1.0 / 200) / 2);
        RateHistory nextDay = abandon(changed, random, change + 24 * 3600, 10, 1.0 / 200);
        assertThat(nextDay.abandonmentRate(0, 600)).isCloseTo(1.0 / 200, within(0.05 / 200));
    }

    /** {@code waiting} callers giving up at random (Poisson, rate waiting * theta) until {@code until}. */
    private static RateHistory abandon(RateHistory h, SplittableRandom random, double until, int waiting,
            double theta) {
        return atRandom(h, random, until, waiting * theta, t -> h1 -> h1.advance(t, waiting, 0, Double.NaN, DEFAULTS),
                RateHistory::abandoned);
    }

    /**
     * Agents finishing calls at random (Poisson, rate agents * mu) until {@code until}, each taking a waiting caller.
     */
    private static RateHistory serve(RateHistory h, SplittableRandom random, double until, int agents, double mu) {
        return atRandom(h, random, until, agents * mu, t -> h1 -> h1.advance(t, 1, agents, 0, DEFAULTS),
                h1 -> h1.answered(0));
    }

    /**
     * Events of a Poisson process with {@code rate} per second until {@code until}: the history is advanced to each
     * event's time ({@code advanceTo}) and the event applied, then advanced to {@code until}.
     */
    private static RateHistory atRandom(RateHistory h, SplittableRandom random, double until, double rate,
            DoubleFunction<UnaryOperator<RateHistory>> advanceTo, UnaryOperator<RateHistory> event) {
        double t = h.at();
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / rate;
            if (t > until) {
                return advanceTo.apply(until).apply(h);
            }
            h = event.apply(advanceTo.apply(t).apply(h));
        }
    }
}
