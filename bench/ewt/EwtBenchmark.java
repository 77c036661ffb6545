import java.util.Locale;

import io.switchboard.campaign.ewt.estimator.QueueSimulation;
import io.switchboard.campaign.ewt.estimator.QueueSimulation.Predictor;

/**
 * The EWT accuracy benchmark: M/M/s+M with s = 100, mu = 1, the five cases of the issue, every predictor quoted to the
 * same callers. Run from the repository root (see bench/README.md, "## EWT"):
 *
 * <pre>
 * ./mvnw -B -q -o test-compile -pl campaign-service -am && java -cp campaign-service/target/classes:campaign-service/target/test-classes bench/ewt/EwtBenchmark.java
 * </pre>
 *
 * Optional arguments: measured arrivals per case (default 2,000,000) and the seed (default 2009).
 */
public class EwtBenchmark {

    public static void main(String[] args) {
        long measured = args.length > 0 ? Long.parseLong(args[0]) : 2_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 2009;
        double[][] cases = { { 0.90, 0 }, { 0.95, 0 }, { 0.98, 0 }, { 1.1, 1 }, { 1.4, 1 } };
        System.out.printf(Locale.ROOT, "M/M/s+M, s = 100, mu = 1, %,d measured arrivals per case, seed %d%n%n", measured,
                seed);
        System.out.println("| rho | theta | delayed served | mean wait | 1 - rho | QL | QL+abandonment | LES | HOL"
                + " | Switchboard | best other | Switchboard interval coverage |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (double[] c : cases) {
            double rho = c[0];
            double theta = c[1];
            QueueSimulation.Result r = new QueueSimulation(100, 1.0, rho, theta, 1000, seed).run(measured / 10,
                    measured);
            double best = Double.MAX_VALUE;
            for (Predictor p : Predictor.values()) {
                if (p != Predictor.SWITCHBOARD) {
                    best = Math.min(best, r.relativeSquaredError(p));
                }
            }
            System.out.printf(Locale.ROOT,
                    "| %.2f | %.0f | %,d | %.4f | %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.1f%% |%n", rho, theta,
                    r.delayedServed, r.meanWait(), theta == 0 ? String.format(Locale.ROOT, "%.4f", 1 - rho) : "n/a",
                    r.relativeSquaredError(Predictor.QL), r.relativeSquaredError(Predictor.QL_ABANDONMENT),
                    r.relativeSquaredError(Predictor.LES), r.relativeSquaredError(Predictor.HOL),
                    r.relativeSquaredError(Predictor.SWITCHBOARD), best, 100 * r.switchboardCoverage());
        }
    }
}
