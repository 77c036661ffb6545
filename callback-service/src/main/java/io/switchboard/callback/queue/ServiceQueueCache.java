package io.switchboard.callback.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;

/**
 * Queue settings for the hot paths (intake, timeslots, legacy methods) without a database round trip. callback-service
 * owns the queues: its own admin writes invalidate the entry when they commit, and the queue events it publishes
 * invalidate it on every other replica ({@link ServiceQueueEventListener}). The time-to-live only bounds how long a
 * change made behind the service's back (straight in SQL) can go unseen.
 */
@ApplicationScoped
public class ServiceQueueCache {

    /** A queue with its number lists compiled for matching; {@code queue} is null when the tenant has no such queue. */
    public record Entry(ServiceQueue queue, NumberLists lists, long loadedAtNanos) {
    }

    private record Key(String tenantId, long id) {
    }

    static final int MAX_ENTRIES = 10_000;

    private final ServiceQueueRepository repository;
    private final long ttlNanos;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Counts invalidations: a load that began before one must not put back what it read. */
    private final AtomicLong invalidations = new AtomicLong();

    public ServiceQueueCache(ServiceQueueRepository repository,
            @ConfigProperty(name = "switchboard.callback.queue-cache-ttl", defaultValue = "30s") Duration ttl) {
        this.repository = repository;
        this.ttlNanos = ttl.toNanos();
    }

    /** The queue, or null when the tenant has none with this id. */
    public Uni<ServiceQueue> find(String tenantId, long id) {
        return entry(tenantId, id).map(Entry::queue);
    }

    /** The queue and its compiled number lists; the entry's queue is null when the tenant has none with this id. */
    public Uni<Entry> entry(String tenantId, long id) {
        Key key = new Key(tenantId, id);
        Entry cached = entries.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAtNanos() < ttlNanos) {
            return Uni.createFrom().item(cached);
        }
        long generation = invalidations.get();
        return repository.find(tenantId, id).map(queue -> {
            Entry loaded = new Entry(queue, queue == null ? null : NumberLists.of(queue), now);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, loaded);
            if (invalidations.get() != generation) {
                // a change committed while this was read: keep nothing that may predate it
                entries.remove(key, loaded);
            }
            return loaded;
        });
    }

    /** Forgets the queue, so the next read loads it again. */
    public void invalidate(String tenantId, long id) {
        invalidations.incrementAndGet();
        entries.remove(new Key(tenantId, id));
    }
}
