package io.switchboard.campaign.ewt.estimator;

import java.util.Locale;

import io.switchboard.campaign.ewt.estimator.WaitEstimate.Method;

/**
 * Switchboard's estimator: the queue-length predictor with abandonment when staffing is reported, else the
 * delay-history predictors (head of line when someone waits, last to enter service otherwise). Plain Java, so the
 * benchmark in {@code bench/ewt} drives exactly this code.
 */
public final class WaitEstimator {

    /** Standard normal quantile of the 95% two-sided prediction interval. */
    private static final double Z = 1.959964;
    /** Relative spread used around a delay-history estimate, which carries no model variance of its own. */
    private static final double HISTORY_SPREAD = 1.0;

    private WaitEstimator() {
    }

    public static WaitEstimate estimate(QueueSnapshot q) {
        int n = q.callersAhead();
        if (q.agentsStaffed() > 0 && q.serviceRatePerAgent() > 0) {
            double theta = Math.max(0, q.abandonmentRate());
            double mean = Predictors.queueLengthWithAbandonment(n, q.agentsStaffed(), q.serviceRatePerAgent(), theta);
            double variance = Predictors.queueLengthWithAbandonmentVariance(n, q.agentsStaffed(),
                    q.serviceRatePerAgent(), theta);
            double[] interval = gammaInterval(mean, variance);
            return new WaitEstimate(mean, interval[0], interval[1], Method.QUEUE_LENGTH,
                    String.format(Locale.ROOT, "%d callers ahead, %d agents, mu %.5f/s, theta %.5f/s", n,
                            q.agentsStaffed(), q.serviceRatePerAgent(), theta));
        }
        if (n > 0 && !Double.isNaN(q.headOfLineWaitSeconds())) {
            double mean = Predictors.headOfLine(n, q.headOfLineWaitSeconds());
            return history(mean, Method.HEAD_OF_LINE, String.format(Locale.ROOT,
                    "%d callers ahead, head of line waiting %.0f s", n, q.headOfLineWaitSeconds()));
        }
        if (!Double.isNaN(q.lastEnteredServiceWaitSeconds())) {
            double mean = Predictors.lastToEnterService(q.lastEnteredServiceWaitSeconds());
            return history(mean, Method.LAST_TO_ENTER_SERVICE, String.format(Locale.ROOT,
                    "last caller to reach an agent waited %.0f s", q.lastEnteredServiceWaitSeconds()));
        }
        return new WaitEstimate(0, 0, 0, Method.NONE, "no agents reported and no wait history");
    }

    private static WaitEstimate history(double mean, Method method, String basedOn) {
        double spread = mean * HISTORY_SPREAD;
        return new WaitEstimate(mean, Math.max(0, mean - spread), mean + spread, method, basedOn);
    }

    /**
     * A 95% interval from a gamma distribution with the estimate's mean and variance (Wilson-Hilferty quantiles): the
     * wait is a sum of exponential stages, which a gamma matches far better than a normal when few callers are ahead.
     */
    static double[] gammaInterval(double mean, double variance) {
        if (mean <= 0 || variance <= 0) {
            return new double[] { 0, 0 };
        }
        double shape = mean * mean / variance;
        double scale = variance / mean;
        return new double[] { gammaQuantile(shape, scale, -Z), gammaQuantile(shape, scale, Z) };
    }

    private static double gammaQuantile(double shape, double scale, double z) {
        double c = 1.0 / (9 * shape);
        double cube = 1 - c + z * Math.sqrt(c);
        return Math.max(0, shape * scale * cube * cube * cube);
    }
}
