package io.switchboard.campaign.ewt.estimator;

/**
 * The delay predictors of Ibrahim and Whitt ("Real-time delay estimation in overloaded multiserver queues with
 * abandonments", Management Science 55(10), 2009, and "Real-time delay estimation based on delay history", MSOM 11(3),
 * 2009). Each predicts the wait of a caller who arrives with {@code n} callers ahead of them.
 */
public final class Predictors {

    private Predictors() {
    }

    /** QL: (n + 1) / (s mu), exact conditional mean of M/M/s without abandonment. */
    public static double queueLength(int n, int s, double mu) {
        return (n + 1) / (s * mu);
    }

    /**
     * QL with abandonment: sum over i = 0..n of 1 / (s mu + i theta). Each caller ahead leaves either by service or by
     * giving up, so the line moves faster the longer it is.
     */
    public static double queueLengthWithAbandonment(int n, int s, double mu, double theta) {
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            sum += 1.0 / (s * mu + i * theta);
        }
        return sum;
    }

    /** Variance of the same sum of independent exponential stages. */
    public static double queueLengthWithAbandonmentVariance(int n, int s, double mu, double theta) {
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double rate = s * mu + i * theta;
            sum += 1.0 / (rate * rate);
        }
        return sum;
    }

    /** HOL: the head of line's elapsed wait, scaled by (n + 1) / n for the caller who joins behind n others. */
    public static double headOfLine(int n, double headOfLineWait) {
        return n == 0 ? Double.NaN : headOfLineWait * (n + 1) / n;
    }

    /** LES: the wait of the last caller who entered service. */
    public static double lastToEnterService(double lastEnteredServiceWait) {
        return lastEnteredServiceWait;
    }
}
