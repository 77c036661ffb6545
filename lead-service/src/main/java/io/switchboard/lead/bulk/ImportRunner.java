package io.switchboard.lead.bulk;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.lead.LeadConfig;
import io.switchboard.lead.lead.LeadRules;
import io.switchboard.lead.lead.NewLead;
import io.switchboard.lead.list.LeadList;
import io.switchboard.lead.list.ListRepository;

/**
 * Runs bulk imports on this replica's worker threads: takes queued imports (and those whose replica died, once their
 * lease ran out), reads the staged upload as a stream, validates and normalises its rows in batches with
 * {@link LeadRules} on one thread while the previous batch is written with COPY on another, and finishes the import
 * with its completion event. Memory stays flat whatever the upload's size: one staged piece, two batches.
 */
@ApplicationScoped
public class ImportRunner {

    /** Runs after which an import that keeps failing is given up as failed. */
    static final int MAX_RUNS = 5;
    private static final Duration AWAIT = Duration.ofSeconds(60);

    private final ImportRepository imports;
    private final ListRepository lists;
    private final LeadRules rules;
    private final DataSource dataSource;
    private final ObjectMapper mapper;
    private final LeadConfig.Imports config;
    private final Semaphore slots;
    private final ExecutorService workers;
    /** Validates and normalises batches in parallel: one thread per core, shared by this replica's imports. */
    private final ExecutorService normalising;
    private final int normalisers;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter duplicates;
    private final ImportMetrics metrics;
    private final String holder = "lead-service-" + UUID.randomUUID();
    private volatile boolean started;
    private volatile boolean stopping;

    public ImportRunner(ImportRepository imports, ListRepository lists, LeadRules rules, DataSource dataSource,
            ObjectMapper mapper, LeadConfig config, MeterRegistry registry, ImportMetrics metrics) {
        this.metrics = metrics;
        this.imports = imports;
        this.lists = lists;
        this.rules = rules;
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.config = config.imports();
        this.slots = new Semaphore(this.config.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "lead-import-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.normalisers = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger normaliserThreads = new AtomicInteger();
        this.normalising = Executors.newFixedThreadPool(normalisers, runnable -> {
            Thread t = new Thread(runnable, "lead-import-rules-" + normaliserThreads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.accepted = rows(registry, "accepted");
        this.rejected = rows(registry, "rejected");
        this.duplicates = rows(registry, "duplicate");
    }

    private static Counter rows(MeterRegistry registry, String outcome) {
        return Counter.builder("switchboard.lead.import.rows").description("Rows of bulk imports, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
        kick();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        workers.shutdownNow();
        normalising.shutdownNow();
    }

    /** Looks for work now rather than at the next poll (an upload was just queued). */
    public void kick() {
        if (started && !stopping) {
            workers.execute(this::claimAndRun);
        }
    }

    @Scheduled(every = "${switchboard.lead.imports.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!started || stopping) {
            return;
        }
        try {
            int stale = imports.failStaleUploads().await().atMost(AWAIT);
            if (stale > 0) {
                metrics.abandoned(stale);
            }
            claimAndRun();
        } catch (RuntimeException e) {
            Log.debugf("Import poll failed, retrying on the next poll: %s", e.toString());
        }
    }

    private synchronized void claimAndRun() {
        while (!stopping && slots.tryAcquire()) {
            ImportJob job;
            try {
                job = imports.claimNext(holder, config.lease()).await().atMost(AWAIT);
            } catch (RuntimeException e) {
                slots.release();
                Log.debugf("Could not look for imports: %s", e.toString());
                return;
            }
            if (job == null) {
                slots.release();
                return;
            }
            try {
                workers.execute(() -> {
                    try {
                        run(job);
                    } finally {
                        slots.release();
                    }
                });
            } catch (RuntimeException e) {
                slots.release();
                return;
            }
        }
    }

    /** A batch ready to write; {@code end} after the last one, with {@code failure} when the upload broke off. */
    private record Batch(List<PreparedRow> rows, long lastRowNo, boolean end, RawRow failure) {
    }

    /** A batch being prepared by a normaliser; the writer takes them in upload order. */
    private record Pending(Future<List<PreparedRow>> rows, long lastRowNo, boolean end, RawRow failure) {
    }

    void run(ImportJob job) {
        if (job.runs() > MAX_RUNS) {
            Log.errorf("Import %s failed %d times; giving it up", job.id(), job.runs() - 1);
            finish(job, "failed");
            return;
        }
        if (job.runs() > 1) {
            Log.infof("Resuming import %s after row %d (run %d)", job.id(), job.rowsRead(), job.runs());
        }
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(normalisers + 1);
        Future<?> reader = null;
        try (BatchWriter writer = new BatchWriter(dataSource, job, holder, config.lease());
                RowSource source = open(job)) {
            source.skip(job.rowsRead());
            reader = workers.submit(() -> produce(job, source, queue));
            long last = System.nanoTime();
            String status;
            while (true) {
                Object item = queue.take();
                if (item instanceof Throwable failure) {
                    throw failure;
                }
                Pending pending = (Pending) item;
                Batch batch = new Batch(pending.rows().get(), pending.lastRowNo(), pending.end(), pending.failure());
                long now = System.nanoTime();
                BatchWriter.Outcome outcome = writer.write(batch.rows(), batch.lastRowNo(), (now - last) / 1_000_000,
                        batch.failure());
                last = now;
                accepted.increment(outcome.accepted());
                rejected.increment(outcome.rejected());
                duplicates.increment(outcome.duplicates());
                if (batch.end()) {
                    status = batch.failure() == null ? "completed" : "failed";
                    break;
                }
            }
            finish(job, status);
        } catch (BatchWriter.LostLeaseException e) {
            Log.warnf("Import %s was taken over by another replica; this one stops", job.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(job);
        } catch (Throwable e) {
            Log.warnf("Import %s stopped after row %d of its last committed batch; it resumes from there: %s", job.id(),
                    job.rowsRead(), e.toString());
            release(job);
        } finally {
            if (reader != null) {
                reader.cancel(true);
            }
            for (Object left : queue) {
                if (left instanceof Pending p) {
                    p.rows().cancel(true);
                }
            }
        }
    }

    private RowSource open(ImportJob job) throws IOException {
        InputStream in = new BufferedInputStream(new ChunkInputStream(imports, job.id(), job.chunks()), 64 * 1024);
        return ImportJob.CSV.equals(job.format()) ? new CsvRowSource(in, mapper, job.listId())
                : new JsonRowSource(in, mapper);
    }

    /**
     * Reads the upload and hands each batch of raw rows to the normalisers (phone numbers are the costly part), queuing
     * the pending batches in upload order; the queue's bound keeps memory flat.
     */
    private void produce(ImportJob job, RowSource source, BlockingQueue<Object> queue) {
        Map<Long, LeadRules.Target> targets = new ConcurrentHashMap<>();
        List<RawRow> rows = new ArrayList<>(config.batchSize());
        long lastRow = job.rowsRead();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                RawRow raw;
                try {
                    raw = source.next();
                } catch (RowSource.UnreadableUploadException e) {
                    queue.put(new Pending(prepareAll(job.tenantId(), rows, targets), lastRow, true,
                            new RawRow(lastRow + 1, null, List.of(new FieldError(null, e.getMessage())))));
                    return;
                }
                if (raw == null) {
                    queue.put(new Pending(prepareAll(job.tenantId(), rows, targets), lastRow, true, null));
                    return;
                }
                lastRow = raw.rowNo();
                rows.add(raw);
                if (rows.size() >= config.batchSize()) {
                    queue.put(new Pending(prepareAll(job.tenantId(), rows, targets), lastRow, false, null));
                    rows = new ArrayList<>(config.batchSize());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            queue.offer(e);
        }
    }

    private Future<List<PreparedRow>> prepareAll(String tenantId, List<RawRow> rows,
            Map<Long, LeadRules.Target> targets) {
        return normalising.submit(() -> {
            List<PreparedRow> prepared = new ArrayList<>(rows.size());
            for (RawRow raw : rows) {
                prepared.add(prepare(tenantId, raw, targets));
            }
            return prepared;
        });
    }

    private static final LeadRules.Target NO_LIST = new LeadRules.Target(0, 0, null);

    private PreparedRow prepare(String tenantId, RawRow raw, Map<Long, LeadRules.Target> targets) {
        if (raw.fields() == null) {
            return new PreparedRow(raw.rowNo(), null, raw.errors());
        }
        List<FieldError> errors = new ArrayList<>(1);
        Long listId = rules.listId(raw.fields().listId(), errors);
        if (listId == null) {
            return new PreparedRow(raw.rowNo(), null, errors);
        }
        LeadRules.Target target = targets.get(listId);
        if (target == null) {
            if (targets.size() > 10_000) {
                targets.clear();
            }
            LeadList list = lists.find(tenantId, listId).await().atMost(AWAIT);
            target = list == null ? NO_LIST
                    : new LeadRules.Target(list.id(), list.campaignId(), list.campaignTimeZone());
            targets.put(listId, target);
        }
        if (target == NO_LIST) {
            return new PreparedRow(raw.rowNo(), null,
                    List.of(new FieldError("listId", "No list with id " + listId + ".")));
        }
        NewLead lead = rules.normalise(raw.fields(), target, null, errors);
        return new PreparedRow(raw.rowNo(), lead, lead == null ? errors : List.of());
    }

    private void finish(ImportJob job, String status) {
        try {
            ImportJob done = imports.finish(job.id(), holder, status).await().atMost(AWAIT);
            if (done != null) {
                metrics.finished(done.status());
                Log.infof("Import %s %s: %d rows, %d accepted, %d rejected, %d duplicates, %.0f rows/s", job.id(),
                        status, done.rowsRead(), done.accepted(), done.rejected(), done.duplicates(),
                        done.rowsPerSecond());
            }
        } catch (RuntimeException e) {
            Log.warnf("Could not finish import %s; it is finished on its next run: %s", job.id(), e.toString());
            release(job);
        }
    }

    private void release(ImportJob job) {
        try {
            imports.release(job.id(), holder).await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            Log.debugf("Could not release import %s; its lease runs out instead", job.id());
        }
    }

    /** This replica's name on the imports it holds. */
    String holder() {
        return holder;
    }
}
