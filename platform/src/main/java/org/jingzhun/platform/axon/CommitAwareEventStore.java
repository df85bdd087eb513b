package org.jingzhun.platform.axon;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, waking its tracking processors (the relay) when the events are committed
 * in PostgreSQL rather than when a command's unit of work says so. Axon wakes the store's reader after
 * every unit of work; a command that joins a longer transaction (the Kafka inbox records a whole poll in
 * one, each CloudEvent its own command) ends its unit of work long before anything is visible, so each
 * wake-up cost the relay a fetch that found nothing but the transaction's still invisible sequence numbers,
 * and Axon's extra gap check behind it ({@code SELECT min(global_index) ...}): about two statements per
 * CloudEvent. Here a unit of work that ends inside such a transaction asks for one wake-up after that
 * transaction commits (none after a rollback); one outside any transaction, or one whose transaction it
 * committed itself, wakes the reader at once, as before. A reader that is not woken still looks on its own
 * schedule (Axon's fetch delay), so this only drops wake-ups that could not find anything.
 */
public class CommitAwareEventStore extends EmbeddedEventStore {

    private static final String WAKE_UP_REGISTERED = CommitAwareEventStore.class.getName() + ".wakeUp";

    protected CommitAwareEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        TransactionScoped.afterCommitOnce(WAKE_UP_REGISTERED, WAKE_UP_REGISTERED, this::wakeUpReaders);
    }

    /** Wakes the store's reader if it waits for events (Axon's own after-commit step). */
    void wakeUpReaders() {
        super.afterCommit(List.of());
    }
}
