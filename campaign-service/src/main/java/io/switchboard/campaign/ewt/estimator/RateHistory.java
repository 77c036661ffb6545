package io.switchboard.campaign.ewt.estimator;

/**
 * Estimates mu and theta from what the queue reports, with exponentially fading memory so that recent history counts
 * most. While callers wait every staffed agent is busy, so an answer then marks one service completion: mu = answers
 * while queued / agent-seconds busy while queued. Patience is exponential, so theta = abandonments / caller-seconds
 * spent waiting (the maximum-likelihood estimate). Immutable: each observation returns the next state, which the
 * service stores in a row.
 *
 * @param at
 *            time of the last observation, in seconds on any fixed clock
 * @param busyAgentSeconds
 *            faded integral of staffed agents while at least one caller waited
 * @param completions
 *            faded count of answers taken from a non-empty queue
 * @param waitingCallerSeconds
 *            faded integral of the number of callers waiting
 * @param abandonments
 *            faded count of callers who gave up in the queue
 */
public record RateHistory(double at, double busyAgentSeconds, double completions, double waitingCallerSeconds,
        double abandonments) {

    public static RateHistory startingAt(double at) {
        return new RateHistory(at, 0, 0, 0, 0);
    }

    /**
     * Accounts for the time since the last observation, during which {@code waiting} callers waited and {@code agents}
     * agents were staffed.
     */
    public RateHistory advance(double now, int waiting, int agents, double memorySeconds) {
        double dt = Math.max(0, now - at);
        double fade = Math.exp(-dt / memorySeconds);
        double busy = waiting > 0 ? agents * dt : 0;
        return new RateHistory(Math.max(now, at), busyAgentSeconds * fade + busy, completions * fade,
                waitingCallerSeconds * fade + waiting * dt, abandonments * fade);
    }

    /** An agent took a caller who had to wait: one service completion observed. */
    public RateHistory answeredFromQueue() {
        return new RateHistory(at, busyAgentSeconds, completions + 1, waitingCallerSeconds, abandonments);
    }

    public RateHistory abandoned() {
        return new RateHistory(at, busyAgentSeconds, completions, waitingCallerSeconds, abandonments + 1);
    }

    /** mu, or the prior until enough agent time has been observed. */
    public double serviceRate(double prior, double minimumCompletions) {
        return completions >= minimumCompletions && busyAgentSeconds > 0 ? completions / busyAgentSeconds : prior;
    }

    /** theta, or the prior until enough waiting has been observed. */
    public double abandonmentRate(double prior, double minimumWaitingSeconds) {
        return waitingCallerSeconds >= minimumWaitingSeconds ? abandonments / waitingCallerSeconds : prior;
    }
}
