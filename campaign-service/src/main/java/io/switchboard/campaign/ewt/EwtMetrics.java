package io.switchboard.campaign.ewt;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Exports each queue's EWT accuracy as gauges (tags tenant and service_queue). Every replica reads the shared sums from
 * the database, so whichever replica Prometheus scrapes shows the same figures.
 */
@ApplicationScoped
public class EwtMetrics {

    private final EwtAccuracy accuracy;
    private final MeterRegistry registry;
    private final Map<String, EwtAccuracy.Sums> latest = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    public EwtMetrics(EwtAccuracy accuracy, MeterRegistry registry) {
        this.accuracy = accuracy;
        this.registry = registry;
    }

    @Scheduled(every = "${switchboard.campaign.ewt.metrics-refresh:15s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return accuracy.all().invoke(this::update).onFailure()
                .invoke(e -> Log.debugf("EWT metrics not refreshed: %s", e.getMessage())).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    void update(List<EwtAccuracy.Sums> all) {
        Set<String> present = new HashSet<>();
        for (EwtAccuracy.Sums s : all) {
            String key = s.tenantId() + ":" + s.serviceQueue();
            present.add(key);
            if (latest.put(key, s) == null) {
                Tags tags = Tags.of("tenant", s.tenantId(), "service_queue", Long.toString(s.serviceQueue()));
                meters.put(key, List.of(gauge("switchboard.ewt.quotes.compared", key, tags, x -> x.samples()),
                        gauge("switchboard.ewt.mean.absolute.error.seconds", key, tags,
                                x -> nan(x.meanAbsoluteErrorSeconds())),
                        gauge("switchboard.ewt.relative.squared.error", key, tags, x -> nan(x.relativeSquaredError())),
                        gauge("switchboard.ewt.interval.coverage", key, tags, x -> nan(x.intervalCoverage()))));
            }
        }
        // A queue whose figures are gone (callback-service deleted it, or its campaign was deleted) stops being
        // exported.
        for (String key : List.copyOf(latest.keySet())) {
            if (!present.contains(key)) {
                List<Meter> gone = meters.remove(key);
                if (gone != null) {
                    gone.forEach(registry::remove);
                }
                latest.remove(key);
            }
        }
    }

    private Meter gauge(String name, String key, Tags tags, ToDoubleFunction<EwtAccuracy.Sums> value) {
        return Gauge.builder(name, latest, m -> {
            EwtAccuracy.Sums sums = m.get(key);
            return sums == null ? Double.NaN : value.applyAsDouble(sums);
        }).tags(tags).register(registry);
    }

    private static double nan(Double d) {
        return d == null ? Double.NaN : d;
    }
}
