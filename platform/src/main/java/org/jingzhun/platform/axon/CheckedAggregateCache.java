package org.jingzhun.platform.axon;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.springframework.lang.Nullable;

/**
 * Axon's aggregate cache, kept across transactions and checked against the event store before each use:
 * a command finds its aggregate as the last command on this instance left it, provided the store's last
 * sequence number for that aggregate is still the one the cached aggregate reached. One index look-up
 * ({@link StoredVersions}) then replaces reading the latest snapshot and up to
 * {@code jingzhun.snapshots.threshold} events, deserializing and re-applying each.
 *
 * <p>Why a cached aggregate is never used stale: Axon asks the cache only while it holds the aggregate's
 * lock, inside the command's transaction, so the check sees what that transaction would read from the store.
 * If another instance of the service (or a transaction of this one that had not committed when the entry was
 * made) appended since, the numbers differ and the aggregate is read from the store as without a cache. If
 * one appends between the check and this command's commit, the append collides on (aggregate, sequence) and
 * the command fails as a concurrent modification, exactly as it would without a cache. A rolled-back
 * command's entry is removed by Axon; an entry whose transaction later rolled back fails the check.
 *
 * <p>Within one transaction (the Kafka inbox's poll) an aggregate already used is handed on without the check
 * ({@link TransactionAggregateCache}): it is what that transaction itself read and appended. Outside a
 * transaction nothing is kept or handed out. At most {@code capacity} aggregates are kept, least recently
 * used dropped first; 0 keeps only the transaction's.
 */
final class CheckedAggregateCache implements Cache {

    /** The last sequence number the store holds for an aggregate, {@code null} when it holds none. */
    @FunctionalInterface
    interface StoredVersions {
        @Nullable
        Long of(String aggregateIdentifier);
    }

    /** Axon keeps the version an entry was made at in a private field and offers no getter. */
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(
                    "Axon's AggregateCacheEntry no longer has its version field; CheckedAggregateCache needs it: " + e);
        }
    }

    private final TransactionAggregateCache transaction = new TransactionAggregateCache();
    private final Map<Object, Object> shared;
    private final int capacity;
    private final StoredVersions stored;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();

    CheckedAggregateCache(int capacity, StoredVersions stored) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.stored = Objects.requireNonNull(stored);
        this.shared = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        });
    }

    /** How many aggregates are kept across transactions now. */
    int size() {
        return shared.size();
    }

    /** Aggregates handed to a new transaction after the check found them current. */
    long hits() {
        return hits.get();
    }

    /** Aggregates found older than the store (appended to elsewhere) and read from the store instead. */
    long stale() {
        return stale.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        V mine = transaction.get(key);
        if (mine != null || !TransactionScoped.active()) {
            return mine;
        }
        Object entry = shared.get(key);
        if (entry == null) {
            return null;
        }
        Long version = entry instanceof AggregateCacheEntry<?> cached ? (Long) VERSION.get(cached) : null;
        if (version == null || !version.equals(stored.of(key.toString()))) {
            shared.remove(key, entry);
            stale.incrementAndGet();
            return null;
        }
        hits.incrementAndGet();
        transaction.put(key, entry);
        return (V) entry;
    }

    @Override
    public void put(Object key, Object value) {
        transaction.put(key, value);
        if (capacity > 0 && TransactionScoped.active()) {
            shared.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        if (get(key) != null) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T present = get(key);
        if (present != null) {
            return present;
        }
        T value = valueSupplier.get();
        put(key, value);
        return value;
    }

    @Override
    public boolean remove(Object key) {
        boolean mine = transaction.remove(key);
        return shared.remove(key) != null || mine;
    }

    @Override
    public void removeAll() {
        transaction.removeAll();
        shared.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return transaction.containsKey(key) || TransactionScoped.active() && shared.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        // Nothing outside the cache ever needs to hear of an entry.
        return () -> true;
    }
}
