package io.switchboard.campaign.ewt.estimator;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of the M/M/s+M queue (Poisson arrivals, s agents with exponential service, exponential
 * patience) that quotes every delayed caller with each predictor when they arrive and compares the quotes with the wait
 * they actually had once an agent takes them. Callers who abandon have no actual wait to compare with; as in Ibrahim
 * and Whitt, errors are averaged over the callers who wait and are served. Switchboard's estimator sees only what the
 * service sees: staffing, queue length, head-of-line wait, last wait and the answers and abandonments it learns mu and
 * theta from.
 */
public final class QueueSimulation {

    public enum Predictor {
        QL, QL_ABANDONMENT, LES, HOL, SWITCHBOARD
    }

    /** Per-predictor sums over served delayed callers. */
    public static final class Result {
        public long delayedServed;
        public double sumWait;
        public final Map<Predictor, Double> sumSquaredError = new EnumMap<>(Predictor.class);
        public long switchboardCovered;
        /** Per predictor, sums of Switchboard's squared error minus that predictor's, caller by caller, and squares. */
        final Map<Predictor, Double> sumPairedDifference = new EnumMap<>(Predictor.class);
        final Map<Predictor, Double> sumPairedDifferenceSquared = new EnumMap<>(Predictor.class);

        /** Squared error averaged over delayed callers who were served, divided by the square of their mean wait. */
        public double relativeSquaredError(Predictor p) {
            double meanWait = sumWait / delayedServed;
            return sumSquaredError.getOrDefault(p, 0.0) / delayedServed / (meanWait * meanWait);
        }

        /**
         * Switchboard's relative squared error minus {@code p}'s, with the standard error of that difference: the same
         * callers are quoted by both, so the paired difference is far more precise than either figure.
         *
         * @return { difference, standard error }
         */
        public double[] switchboardMinus(Predictor p) {
            double meanWait = sumWait / delayedServed;
            double scale = meanWait * meanWait;
            double mean = sumPairedDifference.getOrDefault(p, 0.0) / delayedServed;
            double variance = sumPairedDifferenceSquared.getOrDefault(p, 0.0) / delayedServed - mean * mean;
            return new double[] { mean / scale, Math.sqrt(variance / delayedServed) / scale };
        }

        public double meanWait() {
            return sumWait / delayedServed;
        }

        public double switchboardCoverage() {
            return (double) switchboardCovered / delayedServed;
        }
    }

    private record Event(double time, int kind, Caller caller) implements Comparable<Event> {

        static final int ARRIVAL = 0;
        static final int DEPARTURE = 1;
        static final int ABANDON = 2;

        @Override
        public int compareTo(Event o) {
            return Double.compare(time, o.time);
        }
    }

    private static final class Caller {
        final double arrivedAt;
        boolean left;
        double[] quotes;
        double lower;
        double upper;

        Caller(double arrivedAt) {
            this.arrivedAt = arrivedAt;
        }
    }

    private final int agents;
    private final double mu;
    private final double theta;
    private final double lambda;
    private final RateHistory.Memory memory;
    private final SplittableRandom random;

    /**
     * @param memory
     *            Switchboard's rate memories, in the same time unit as 1/mu
     */
    public QueueSimulation(int agents, double mu, double rho, double theta, RateHistory.Memory memory, long seed) {
        this.agents = agents;
        this.mu = mu;
        this.theta = theta;
        this.lambda = rho * agents * mu;
        this.memory = memory;
        this.random = new SplittableRandom(seed);
    }

    private double exp(double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }

    /** Runs {@code warmUp} arrivals to reach steady state and learn the rates, then measures {@code measured}. */
    public Result run(long warmUp, long measured) {
        PriorityQueue<Event> events = new PriorityQueue<>();
        ArrayDeque<Caller> line = new ArrayDeque<>();
        int waiting = 0;
        int busy = 0;
        double lastServiceWait = Double.NaN;
        RateHistory history = RateHistory.startingAt(0);
        Result result = new Result();
        long arrivals = 0;
        events.add(new Event(exp(lambda), Event.ARRIVAL, null));
        while (arrivals < warmUp + measured || !events.isEmpty()) {
            Event e = events.poll();
            if (e == null) {
                break;
            }
            double now = e.time();
            // No routing delay here: every agent is busy from the moment someone waits in line.
            double allBusySince = line.isEmpty() ? Double.NaN : RateHistory.allBusySince(line.peekFirst().arrivedAt, 0);
            history = history.advance(now, waiting, agents, allBusySince, memory);
            switch (e.kind()) {
                case Event.ARRIVAL -> {
                    arrivals++;
                    if (arrivals < warmUp + measured) {
                        events.add(new Event(now + exp(lambda), Event.ARRIVAL, null));
                    }
                    Caller caller = new Caller(now);
                    if (busy < agents) {
                        busy++;
                        events.add(new Event(now + exp(mu), Event.DEPARTURE, null));
                        lastServiceWait = 0;
                        // The service hears of this call joining and being answered at once: no completion.
                        history = history.answered(RateHistory.allBusySince(now, 0));
                        break;
                    }
                    if (arrivals > warmUp) {
                        quote(caller, waiting, line, now, lastServiceWait, history);
                    }
                    line.addLast(caller);
                    waiting++;
                    if (theta > 0) {
                        events.add(new Event(now + exp(theta), Event.ABANDON, caller));
                    }
                }
                case Event.ABANDON -> {
                    Caller caller = e.caller();
                    if (!caller.left) {
                        caller.left = true;
                        waiting--;
                        history = history.abandoned();
                        while (!line.isEmpty() && line.peekFirst().left) {
                            line.pollFirst();
                        }
                    }
                }
                default -> {
                    busy--;
                    Caller next = line.pollFirst();
                    if (next != null) {
                        next.left = true;
                        waiting--;
                        while (!line.isEmpty() && line.peekFirst().left) {
                            line.pollFirst();
                        }
                        history = history.answered(allBusySince);
                        double wait = now - next.arrivedAt;
                        lastServiceWait = wait;
                        busy++;
                        events.add(new Event(now + exp(mu), Event.DEPARTURE, null));
                        if (next.quotes != null) {
                            record(result, next, wait);
                        }
                    }
                }
            }
        }
        return result;
    }

    private void quote(Caller caller, int ahead, ArrayDeque<Caller> line, double now, double lastServiceWait,
            RateHistory history) {
        double headWait = line.isEmpty() ? Double.NaN : now - line.peekFirst().arrivedAt;
        double[] q = new double[Predictor.values().length];
        q[Predictor.QL.ordinal()] = Predictors.queueLength(ahead, agents, mu);
        q[Predictor.QL_ABANDONMENT.ordinal()] = Predictors.queueLengthWithAbandonment(ahead, agents, mu, theta);
        q[Predictor.LES.ordinal()] = Double.isNaN(lastServiceWait) ? 0 : lastServiceWait;
        // HOL needs someone ahead; the first caller in line gets LES, as the service's fallback does.
        q[Predictor.HOL.ordinal()] = ahead > 0 ? Predictors.headOfLine(ahead, headWait) : q[Predictor.LES.ordinal()];
        double muHat = history.serviceRate(1.0 / (2 * mu), 100);
        double thetaHat = history.abandonmentRate(0, 100);
        WaitEstimate sw = WaitEstimator
                .estimate(new QueueSnapshot(ahead, agents, muHat, thetaHat, headWait, lastServiceWait));
        q[Predictor.SWITCHBOARD.ordinal()] = sw.seconds();
        caller.quotes = q;
        caller.lower = sw.lowerSeconds();
        caller.upper = sw.upperSeconds();
    }

    private static void record(Result result, Caller caller, double wait) {
        result.delayedServed++;
        result.sumWait += wait;
        double switchboardError = caller.quotes[Predictor.SWITCHBOARD.ordinal()] - wait;
        for (Predictor p : Predictor.values()) {
            double error = caller.quotes[p.ordinal()] - wait;
            result.sumSquaredError.merge(p, error * error, Double::sum);
            double paired = switchboardError * switchboardError - error * error;
            result.sumPairedDifference.merge(p, paired, Double::sum);
            result.sumPairedDifferenceSquared.merge(p, paired * paired, Double::sum);
        }
        if (wait >= caller.lower && wait <= caller.upper) {
            result.switchboardCovered++;
        }
    }
}
