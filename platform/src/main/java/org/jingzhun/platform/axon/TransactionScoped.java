package org.jingzhun.platform.axon;

import java.util.HashMap;
import java.util.Map;
import org.springframework.lang.Nullable;
import org.springframework.transaction.support.ResourceHolderSupport;
import org.springframework.transaction.support.ResourceHolderSynchronization;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Entries that live as long as the current Spring transaction and no longer: bound to it on first use,
 * hidden while it is suspended (an inner {@code REQUIRES_NEW} transaction gets entries of its own) and
 * dropped before it commits or rolls back. What is kept here was read or written <em>in</em> that
 * transaction, so it is exactly what the transaction would read again; another transaction never sees it.
 */
public final class TransactionScoped {

    private TransactionScoped() {
    }

    /**
     * The current transaction's entries under {@code key}, created on first use; {@code null} outside a
     * transaction (nothing is kept then).
     */
    @Nullable
    public static <K, V> Map<K, V> entries(Object key) {
        if (!active()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Holder<K, V> holder = (Holder<K, V>) TransactionSynchronizationManager.getResource(key);
        if (holder == null) {
            holder = new Holder<>();
            TransactionSynchronizationManager.bindResource(key, holder);
            holder.setSynchronizedWithTransaction(true);
            TransactionSynchronizationManager.registerSynchronization(new ResourceHolderSynchronization<>(holder, key) {
            });
        }
        return holder.entries;
    }

    /** Whether this thread is in a Spring transaction that entries can be bound to. */
    public static boolean active() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive();
    }

    /**
     * Runs {@code action} once the current transaction has committed — once per {@code key} within it under
     * {@code scope}, never after a rollback — or at once outside a transaction.
     */
    public static void afterCommitOnce(Object scope, Object key, Runnable action) {
        Map<Object, Boolean> registered = entries(scope);
        if (registered == null) {
            action.run();
            return;
        }
        if (registered.putIfAbsent(key, Boolean.TRUE) == null) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }
    }

    /**
     * The current transaction's entries under {@code key} if something created them ({@link #entries}),
     * else {@code null}: lets one party decide that a transaction keeps entries and another use them.
     */
    @Nullable
    public static <K, V> Map<K, V> existing(Object key) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Holder<K, V> holder = (Holder<K, V>) TransactionSynchronizationManager.getResource(key);
        return holder == null ? null : holder.entries;
    }

    private static final class Holder<K, V> extends ResourceHolderSupport {
        private final Map<K, V> entries = new HashMap<>();

        @Override
        public void clear() {
            super.clear();
            entries.clear();
        }
    }
}
