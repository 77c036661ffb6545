package io.switchboard.lead.bulk;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * Finished bulk imports by outcome, exported as {@code switchboard_lead_imports_total{outcome}}: {@code completed},
 * {@code failed} (the import ran and failed: its file could not be read, or it was given up after
 * {@value ImportRunner#MAX_RUNS} runs) and {@code abandoned} (the upload broke off, was too large, or its uploader
 * stopped before it was queued). The chart's {@code SwitchboardImportFailures} alert reads {@code outcome="failed"}.
 * Every outcome is registered at start, so the series exist at zero and {@code increase()} sees the first failure.
 */
@Startup
@ApplicationScoped
public class ImportMetrics {

    public static final String METER = "switchboard.lead.imports";

    private final Counter completed;
    private final Counter failed;
    private final Counter abandoned;

    public ImportMetrics(MeterRegistry registry) {
        this.completed = counter(registry, "completed");
        this.failed = counter(registry, "failed");
        this.abandoned = counter(registry, "abandoned");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(METER).description("Finished bulk lead imports, by outcome").tag("outcome", outcome)
                .register(registry);
    }

    /** An import that ran to its end with {@code status} ({@code completed} or {@code failed}). */
    void finished(String status) {
        ("completed".equals(status) ? completed : failed).increment();
    }

    /** Uploads that never became an import. */
    void abandoned(int count) {
        abandoned.increment(count);
    }
}
