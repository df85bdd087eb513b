package org.jingzhun.platform.registry;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who waits for which key of the replica (an organization, a campaign…), and waking them once a
 * transaction that wrote it has committed. Waiters are woken per key, so a busy projector does not
 * make every waiter re-query the database after each batch.
 *
 * <p>The protocol that loses no wake-up: a waiter registers ({@link #expect}) <em>before</em> it
 * looks the key up, and the projector announces only <em>after</em> the commit. Either the lookup
 * sees the commit, or the announcement finds the registration.
 *
 * <p>Across instances: with a {@link JdbcClient}, each key written is also sent as a PostgreSQL
 * {@code NOTIFY} on {@link #CHANNEL} inside the writing transaction (PostgreSQL delivers it only if,
 * and once, that transaction commits); every instance's {@link ArrivalsListener} announces what it
 * hears. So a command waiting on one instance is woken by the replica's projector on another, which
 * holds the partition of that organization.
 */
final class Arrivals {

    /** The PostgreSQL channel that carries the keys written by any instance's projector. */
    static final String CHANNEL = "jingzhun_registry_arrivals";

    static String organization(String id) {
        return "organization:" + id;
    }

    static String campaign(String id) {
        return "campaign:" + id;
    }

    static String plan(String campaignId) {
        return "plan:" + campaignId;
    }

    static String member(String id) {
        return "member:" + id;
    }

    /** Every set is only touched inside the map's per-key atomic operations, or after its removal. */
    private final ConcurrentHashMap<String, Set<CountDownLatch>> waiting = new ConcurrentHashMap<>();
    private final JdbcClient notifications;

    /** Wake-ups within this JVM only. */
    Arrivals() {
        this(null);
    }

    /** Wake-ups in every instance on this database, through {@code NOTIFY} (see {@link ArrivalsListener}). */
    Arrivals(JdbcClient notifications) {
        this.notifications = notifications;
    }

    /** Registers interest in a key; close the returned wait when done, woken or not. */
    Wait expect(String key) {
        CountDownLatch latch = new CountDownLatch(1);
        waiting.compute(key, (k, latches) -> {
            Set<CountDownLatch> set = latches == null ? new HashSet<>() : latches;
            set.add(latch);
            return set;
        });
        return new Wait(key, latch);
    }

    /** Wakes whoever waits for these keys now. */
    void announce(Collection<String> keys) {
        for (String key : keys) {
            Set<CountDownLatch> latches = waiting.remove(key);
            if (latches != null) {
                latches.forEach(CountDownLatch::countDown);
            }
        }
    }

    /**
     * Wakes the waiters of a key once the current transaction has committed (never if it rolls
     * back), or right away outside a transaction. The keys of one transaction are collected and
     * announced together; other instances hear them through the transaction's {@code NOTIFY}.
     */
    void announceAfterCommit(String key) {
        announceAfterCommit(List.of(key));
    }

    /** {@link #announceAfterCommit(String)} of each key, with one {@code NOTIFY} statement for all of them. */
    void announceAfterCommit(Collection<String> announced) {
        if (announced.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            announce(announced);
            return;
        }
        if (notifications != null) {
            notifications.sql("SELECT count(pg_notify(?, k)) FROM unnest(CAST(? AS TEXT[])) AS k")
                    .params(CHANNEL, announced.toArray(String[]::new)).query((rs, n) -> 1).list();
        }
        @SuppressWarnings("unchecked")
        Set<String> keys = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (keys == null) {
            Set<String> batch = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Arrivals.this);
                    if (status == STATUS_COMMITTED) {
                        announce(batch);
                    }
                }
            });
            keys = batch;
        }
        keys.addAll(announced);
    }

    /** Whether anyone waits for the key now (for tests: "the caller is waiting"). */
    boolean awaited(String key) {
        return waiting.containsKey(key);
    }

    /** One registration: await it once, then close it. */
    final class Wait implements AutoCloseable {
        private final String key;
        private final CountDownLatch latch;

        private Wait(String key, CountDownLatch latch) {
            this.key = key;
            this.latch = latch;
        }

        /** Whether the key was announced within the time; {@code false} on timeout or interrupt. */
        boolean await(long nanos) {
            try {
                return latch.await(nanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() {
            waiting.computeIfPresent(key, (k, latches) -> {
                latches.remove(latch);
                return latches.isEmpty() ? null : latches;
            });
        }
    }
}
