import java.util.Locale;

import io.switchboard.campaign.ewt.estimator.QueueSimulation;
import io.switchboard.campaign.ewt.estimator.RateHistory;
import io.switchboard.campaign.ewt.estimator.QueueSimulation.Predictor;

/**
 * The EWT accuracy benchmark: M/M/s+M with s = 100, mu = 1, the five cases of the issue, every predictor quoted to the
 * same callers. Run from the repository root (see bench/README.md, "## EWT"):
 *
 * <pre>
 * ./mvnw -B -q -o test-compile -pl campaign-service -am && java -cp campaign-service/target/classes:campaign-service/target/test-classes bench/ewt/EwtBenchmark.java
 * </pre>
 *
 * Optional arguments: measured arrivals per case (default 2,000,000), the seed (default 2009), and the recent and
 * settled rate memories in mean service times (default: the service's defaults, 24 and 8,640).
 */
public class EwtBenchmark {

    /**
     * The service's default rate memories (PT2H recent, P30D settled) in units of its default handling time (PT5M), the
     * time unit of the simulation (1 / mu).
     */
    static final RateHistory.Memory MEMORY = new RateHistory.Memory(7200 / 300.0, 30 * 24 * 3600 / 300.0);

    public static void main(String[] args) {
        long measured = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2009;
        RateHistory.Memory memory = args.length > 3
                ? new RateHistory.Memory(Double.parseDouble(args[2]), Double.parseDouble(args[3]))
                : MEMORY;
        double[][] cases = { { 0.90, 0 }, { 0.95, 0 }, { 0.98, 0 }, { 1.1, 1 }, { 1.4, 1 } };
        System.out.printf(Locale.ROOT,
                "M/M/s+M, s = 100, mu = 1, %,d measured arrivals per case, seed %d, rate memories %.0f and %.0f%n%n",
                measured, seed, memory.recentSeconds(), memory.settledSeconds());
        System.out.println("| rho | theta | delayed served | mean wait | 1 - rho | QL | QL+abandonment | LES | HOL"
                + " | Switchboard | best other | Switchboard - best (± 2 SE) | Switchboard interval coverage |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (double[] c : cases) {
            double rho = c[0];
            double theta = c[1];
            QueueSimulation.Result r = new QueueSimulation(100, 1.0, rho, theta, memory, seed).run(measured / 10,
                    measured);
            double best = Double.MAX_VALUE;
            Predictor bestPredictor = null;
            for (Predictor p : Predictor.values()) {
                if (p != Predictor.SWITCHBOARD && r.relativeSquaredError(p) < best) {
                    best = r.relativeSquaredError(p);
                    bestPredictor = p;
                }
            }
            double[] difference = r.switchboardMinus(bestPredictor);
            System.out.printf(Locale.ROOT,
                    "| %.2f | %.0f | %,d | %.4f | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %+.5f ± %.5f | %.1f%% |%n",
                    rho, theta,
                    r.delayedServed, r.meanWait(), theta == 0 ? String.format(Locale.ROOT, "%.4f", 1 - rho) : "n/a",
                    r.relativeSquaredError(Predictor.QL), r.relativeSquaredError(Predictor.QL_ABANDONMENT),
                    r.relativeSquaredError(Predictor.LES), r.relativeSquaredError(Predictor.HOL),
                    r.relativeSquaredError(Predictor.SWITCHBOARD), best, difference[0], 2 * difference[1],
                    100 * r.switchboardCoverage());
        }
    }
}
