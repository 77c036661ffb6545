package io.switchboard.campaign.ewt;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Compares the EWT quoted to each caller as they joined with the wait they had when an agent answered. Callers who
 * abandon are left out: their wait was cut short, so it says nothing of the quote (as in the benchmark).
 */
@ApplicationScoped
public class EwtAccuracy {

    private final Pool pool;

    public EwtAccuracy(Pool pool) {
        this.pool = pool;
    }

    /** Running sums for a queue. */
    public record Sums(String tenantId, long serviceQueue, long samples, double absErrorTotal, double sqErrorTotal,
            double waitTotal, long covered) {

        public Double meanAbsoluteErrorSeconds() {
            return samples == 0 ? null : absErrorTotal / samples;
        }

        /** Mean squared error divided by the squared mean wait, the benchmark's relative squared error. */
        public Double relativeSquaredError() {
            if (samples == 0 || waitTotal == 0) {
                return null;
            }
            double meanWait = waitTotal / samples;
            return sqErrorTotal / samples / (meanWait * meanWait);
        }

        public Double intervalCoverage() {
            return samples == 0 ? null : (double) covered / samples;
        }

        static Sums of(Row r) {
            return new Sums(r.getString("tenant_id"), r.getLong("campaign_id"), r.getLong("samples"),
                    r.getDouble("abs_error_total"), r.getDouble("sq_error_total"), r.getDouble("wait_total"),
                    r.getLong("covered"));
        }
    }

    public Uni<Void> record(SqlClient tx, String tenantId, long serviceQueue, double quoted, double lower, double upper,
            double actual) {
        double error = quoted - actual;
        int covered = actual >= lower && actual <= upper ? 1 : 0;
        return tx
                .preparedQuery("INSERT INTO ewt_accuracy AS a (tenant_id, campaign_id, samples, abs_error_total,"
                        + " sq_error_total, wait_total, covered) VALUES ($1, $2, 1, $3, $4, $5, $6)"
                        + " ON CONFLICT (tenant_id, campaign_id) DO UPDATE SET samples = a.samples + 1,"
                        + " abs_error_total = a.abs_error_total + EXCLUDED.abs_error_total,"
                        + " sq_error_total = a.sq_error_total + EXCLUDED.sq_error_total,"
                        + " wait_total = a.wait_total + EXCLUDED.wait_total, covered = a.covered + EXCLUDED.covered")
                .execute(Tuple.from(List.of(tenantId, serviceQueue, Math.abs(error), error * error, actual, covered)))
                .replaceWithVoid();
    }

    public Uni<Sums> find(String tenantId, long serviceQueue) {
        return pool
                .preparedQuery("SELECT tenant_id, campaign_id, samples, abs_error_total, sq_error_total, wait_total,"
                        + " covered FROM ewt_accuracy WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(tenantId, serviceQueue))
                .map(rows -> rows.iterator().hasNext() ? Sums.of(rows.iterator().next())
                        : new Sums(tenantId, serviceQueue, 0, 0, 0, 0, 0));
    }

    /** Every queue's sums, for the metrics export. */
    public Uni<List<Sums>> all() {
        return pool.query("SELECT tenant_id, campaign_id, samples, abs_error_total, sq_error_total, wait_total,"
                + " covered FROM ewt_accuracy").execute().map(rows -> {
                    List<Sums> list = new ArrayList<>();
                    for (Row r : rows) {
                        list.add(Sums.of(r));
                    }
                    return list;
                });
    }
}
