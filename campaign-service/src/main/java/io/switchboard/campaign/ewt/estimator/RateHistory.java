package io.switchboard.campaign.ewt.estimator;

/**
 * Estimates mu and theta from what the queue reports. Immutable: each observation returns the next state, which the
 * service stores in a row.
 * <p>
 * While a caller is genuinely queued every staffed agent is busy, so an answer then marks one service completion: mu =
 * those answers / agent-seconds busy meanwhile. A call that is answered at once shows nothing about how long agents
 * take, so time and answers count only once the longest-waiting caller has waited past the routing allowance (see
 * {@link #allBusySince}). Patience is exponential, so theta = abandonments / caller-seconds spent waiting (the
 * maximum-likelihood estimate).
 * <p>
 * The evidence is kept twice, with a recent and a long settled memory (history that old counts 1/e as much as the
 * present). The estimates come from the settled evidence, which is precise while the queue stays as it was. When the
 * recent counts depart from what the settled rate predicts by more than chance explains, the queue has changed (a new
 * call type, another shift): the settled evidence is then replaced by the recent, so the estimate follows the change
 * within the recent memory instead of the settled one.
 *
 * @param at
 *            time of the last observation, in seconds on any fixed clock
 */
public record RateHistory(double at, Evidence recent, Evidence settled) {

    /**
     * How far, in standard deviations of a Poisson count with the expected mean, the recent count must depart from the
     * settled rate's prediction before the queue is taken to have changed. The variance used is the count's expected
     * value, about twice a faded count's true variance, so the bar is some 7 true standard deviations: a steady queue
     * practically never restarts its settled evidence, while a handling time that moves by a third is caught once a few
     * hundred answers are expected within the recent memory. (At 4 the benchmark showed the same figures, at 3 it
     * restarted on noise and lost 0.0001 at rho = 0.90.)
     */
    static final double CHANGE_THRESHOLD = 5;

    /** Recent events (answers, abandonments), observed or expected, needed before they can show a change. */
    static final double MINIMUM_RECENT_COUNT = 20;

    /** Memories, in seconds. */
    public record Memory(double recentSeconds, double settledSeconds) {
    }

    /**
     * Faded sums over one memory.
     *
     * @param busyAgentSeconds
     *            integral of staffed agents while every agent was known to be busy
     * @param completions
     *            answers taken while every agent was known to be busy
     * @param waitingCallerSeconds
     *            integral of the number of callers waiting
     * @param abandonments
     *            callers who gave up in the queue
     */
    public record Evidence(double busyAgentSeconds, double completions, double waitingCallerSeconds,
            double abandonments) {

        public static final Evidence NONE = new Evidence(0, 0, 0, 0);

        Evidence advance(double dt, double memorySeconds, double busy, double waiting) {
            double fade = Math.exp(-dt / memorySeconds);
            return new Evidence(busyAgentSeconds * fade + busy, completions * fade,
                    waitingCallerSeconds * fade + waiting, abandonments * fade);
        }

        Evidence completed() {
            return new Evidence(busyAgentSeconds, completions + 1, waitingCallerSeconds, abandonments);
        }

        Evidence abandoned() {
            return new Evidence(busyAgentSeconds, completions, waitingCallerSeconds, abandonments + 1);
        }
    }

    public static RateHistory startingAt(double at) {
        return new RateHistory(at, Evidence.NONE, Evidence.NONE);
    }

    /**
     * From when every staffed agent is known to be busy: once the caller at the head of the line has waited longer than
     * an ACD takes to route a call to a free agent.
     *
     * @param headEnteredAt
     *            when the longest-waiting caller joined, NaN when nobody waits
     *
     * @return NaN when nobody waits
     */
    public static double allBusySince(double headEnteredAt, double routingAllowanceSeconds) {
        return headEnteredAt + routingAllowanceSeconds;
    }

    /**
     * Accounts for the time since the last observation, during which {@code waiting} callers waited, {@code agents}
     * agents were staffed and all of them were busy from {@code allBusySince} on (NaN: not at all).
     */
    public RateHistory advance(double now, int waiting, int agents, double allBusySince, Memory memory) {
        double dt = Math.max(0, now - at);
        double busySeconds = Double.isNaN(allBusySince) ? 0
                : Math.min(dt, Math.max(0, now - Math.max(at, allBusySince)));
        double busy = agents * busySeconds;
        double waited = waiting * dt;
        return new RateHistory(Math.max(now, at), recent.advance(dt, memory.recentSeconds(), busy, waited),
                settled.advance(dt, memory.settledSeconds(), busy, waited)).reconciled();
    }

    /**
     * An agent took a waiting caller. That is a service completion only when every agent was busy until now; a call
     * answered at once freed no agent.
     */
    public RateHistory answered(double allBusySince) {
        return allBusySince < at ? new RateHistory(at, recent.completed(), settled.completed()).reconciled() : this;
    }

    public RateHistory abandoned() {
        return new RateHistory(at, recent.abandoned(), settled.abandoned()).reconciled();
    }

    /** The settled evidence, restarted from the recent evidence of a rate that has changed. */
    private RateHistory reconciled() {
        boolean serviceChanged = settled.busyAgentSeconds() > 0 && departs(recent.completions(),
                settled.completions() / settled.busyAgentSeconds() * recent.busyAgentSeconds());
        boolean patienceChanged = settled.waitingCallerSeconds() > 0 && departs(recent.abandonments(),
                settled.abandonments() / settled.waitingCallerSeconds() * recent.waitingCallerSeconds());
        if (!serviceChanged && !patienceChanged) {
            return this;
        }
        return new RateHistory(at, recent,
                new Evidence(serviceChanged ? recent.busyAgentSeconds() : settled.busyAgentSeconds(),
                        serviceChanged ? recent.completions() : settled.completions(),
                        patienceChanged ? recent.waitingCallerSeconds() : settled.waitingCallerSeconds(),
                        patienceChanged ? recent.abandonments() : settled.abandonments()));
    }

    /** mu, or the prior until enough completions have been observed. */
    public double serviceRate(double prior, double minimumCompletions) {
        if (settled.completions() < minimumCompletions || settled.busyAgentSeconds() <= 0) {
            return prior;
        }
        return settled.completions() / settled.busyAgentSeconds();
    }

    /** theta, or the prior until enough waiting has been observed. */
    public double abandonmentRate(double prior, double minimumWaitingSeconds) {
        if (settled.waitingCallerSeconds() < minimumWaitingSeconds) {
            return prior;
        }
        return settled.abandonments() / settled.waitingCallerSeconds();
    }

    /**
     * Whether a count departs from its expected value by more than chance explains. Below a few dozen events either way
     * the evidence is too thin to call a change (and a restart would leave too little to estimate from).
     */
    private static boolean departs(double observed, double expected) {
        return Math.max(observed, expected) >= MINIMUM_RECENT_COUNT
                && Math.abs(observed - expected) > CHANGE_THRESHOLD * Math.sqrt(Math.max(expected, 1));
    }
}
