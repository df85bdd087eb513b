package org.jingzhun.platform.axon;

import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate cache, kept for one PostgreSQL transaction only: an aggregate loaded or saved by one
 * command is handed to the next command of the same transaction as it stands, instead of being read
 * again (snapshot, then up to {@code jingzhun.snapshots.threshold} events deserialized and applied).
 * The Kafka inbox records a whole poll in one transaction, often many facts of one organization's record.
 *
 * <p>Never stale: the entries are what this transaction itself read and appended, and they are gone
 * when it ends, committed or rolled back (Axon also drops an entry when a command's unit of work rolls
 * back). Another transaction, on this instance or another, reads the store as before; if it appended to
 * the same aggregate meanwhile, this transaction's next append collides on (aggregate, sequence) and
 * fails as a concurrent modification, exactly as without the cache. Outside a transaction nothing is kept.
 */
final class TransactionAggregateCache implements Cache {

    private <V> Map<Object, V> entries() {
        return TransactionScoped.entries(this);
    }

    @Override
    public <K, V> V get(K key) {
        Map<Object, V> entries = entries();
        return entries == null ? null : entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        Map<Object, Object> entries = entries();
        if (entries != null) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Map<Object, Object> entries = entries();
        return entries != null && entries.putIfAbsent(key, value) == null;
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        Map<Object, T> entries = entries();
        return entries == null ? valueSupplier.get() : entries.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        Map<Object, Object> entries = entries();
        return entries != null && entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        Map<Object, Object> entries = entries();
        if (entries != null) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        Map<Object, Object> entries = entries();
        return entries != null && entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        // Nothing outside the transaction ever needs to hear of an entry.
        return () -> true;
    }
}
