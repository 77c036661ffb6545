package io.switchboard.campaign.ewt.estimator;

/**
 * An estimated wait: the point estimate (the conditional mean), a 95% prediction interval, the method that produced it
 * and the figures it was based on.
 */
public record WaitEstimate(double seconds, double lowerSeconds, double upperSeconds, Method method, String basedOn) {

    public enum Method {
        /** Set by hand through UpdateEWTRecord, valid until it expires. */
        MANUAL,
        /** Queue-length predictor with abandonment (Ibrahim and Whitt 2009), from live staffing and estimated rates. */
        QUEUE_LENGTH,
        /** Head-of-line delay, scaled by the queue length: used when staffing is not reported. */
        HEAD_OF_LINE,
        /** Wait of the last caller to enter service: used when staffing is not reported and nobody waits. */
        LAST_TO_ENTER_SERVICE,
        /** No agents and no history: nothing to go on. */
        NONE
    }
}
