package io.switchboard.campaign.ewt.estimator;

/**
 * What is known about a queue when a caller asks how long they will wait.
 *
 * @param callersAhead
 *            callers already waiting, in front of the one being quoted
 * @param agentsStaffed
 *            agents serving the queue; 0 when staffing is not reported
 * @param serviceRatePerAgent
 *            mu, calls an agent completes per second
 * @param abandonmentRate
 *            theta, the rate at which one waiting caller gives up (per second); 0 without abandonment
 * @param headOfLineWaitSeconds
 *            how long the caller at the head of the queue has waited so far, or NaN when nobody waits
 * @param lastEnteredServiceWaitSeconds
 *            the wait of the last caller who reached an agent, or NaN when unknown
 */
public record QueueSnapshot(int callersAhead, int agentsStaffed, double serviceRatePerAgent, double abandonmentRate,
        double headOfLineWaitSeconds, double lastEnteredServiceWaitSeconds) {
}
