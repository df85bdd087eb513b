package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Aggregates kept between commands are handed out only while the store's last sequence number for them is the
 * one they reached; within one transaction without asking; outside a transaction never.
 */
class CheckedAggregateCacheTest {

    /** The store's last sequence number per aggregate, as another instance may move it on. */
    private final Map<String, Long> store = new HashMap<>();
    /** Every aggregate the cache asked the store about. */
    private final List<String> asked = new ArrayList<>();
    private final TransactionTemplate transactions = new TransactionTemplate(new SynchronizationOnlyTransactions());

    private CheckedAggregateCache cache(int capacity) {
        return new CheckedAggregateCache(capacity, aggregate -> {
            asked.add(aggregate);
            return store.get(aggregate);
        });
    }

    @Test
    void handsTheNextCommandItsAggregateWhenTheStoreHasNotMovedOn() {
        CheckedAggregateCache cache = cache(16);
        AggregateCacheEntry<Tally> entry = entryAt("tally-1", 3);
        transactions.executeWithoutResult(status -> cache.put("tally-1", entry));
        store.put("tally-1", 3L);

        Object found = transactions.execute(status -> cache.get("tally-1"));

        assertThat(found).isSameAs(entry);
        assertThat(asked).containsExactly("tally-1");
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.stale()).isZero();
    }

    @Test
    void readsFromTheStoreWhenSomethingElseAppendedToTheAggregate() {
        CheckedAggregateCache cache = cache(16);
        transactions.executeWithoutResult(status -> cache.put("tally-1", entryAt("tally-1", 3)));
        store.put("tally-1", 4L); // another instance appended event 4

        assertThat((Object) transactions.execute(status -> cache.get("tally-1"))).isNull();
        assertThat(cache.stale()).isEqualTo(1);
        assertThat(cache.size()).isZero();

        // Gone for good: the next command does not even ask.
        asked.clear();
        assertThat((Object) transactions.execute(status -> cache.get("tally-1"))).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void readsFromTheStoreWhenTheTransactionThatCachedItRolledBackAfterwards() {
        CheckedAggregateCache cache = cache(16);
        // Cached at sequence 7 by a command whose transaction (an inbox poll) later rolled back: the store has 6.
        transactions.executeWithoutResult(status -> cache.put("tally-1", entryAt("tally-1", 7)));
        store.put("tally-1", 6L);

        assertThat((Object) transactions.execute(status -> cache.get("tally-1"))).isNull();
        assertThat(cache.stale()).isEqualTo(1);
    }

    @Test
    void withinOneTransactionHandsOnWhatThatTransactionUsedWithoutAsking() {
        CheckedAggregateCache cache = cache(16);
        AggregateCacheEntry<Tally> entry = entryAt("tally-1", 0);

        transactions.executeWithoutResult(status -> {
            cache.put("tally-1", entry);
            assertThat((Object) cache.get("tally-1")).isSameAs(entry);
            assertThat((Object) cache.get("tally-1")).isSameAs(entry);
        });

        assertThat(asked).isEmpty();
    }

    @Test
    void keepsAndHandsOutNothingOutsideATransaction() {
        CheckedAggregateCache cache = cache(16);
        cache.put("tally-1", entryAt("tally-1", 0));
        assertThat(cache.size()).isZero();

        transactions.executeWithoutResult(status -> cache.put("tally-1", entryAt("tally-1", 0)));
        store.put("tally-1", 0L);
        assertThat((Object) cache.get("tally-1")).isNull();
        assertThat(asked).isEmpty();
    }

    @Test
    void forgetsAnAggregateAxonRemovesWhenACommandRollsBack() {
        CheckedAggregateCache cache = cache(16);
        store.put("tally-1", 2L);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            cache.put("tally-1", entryAt("tally-1", 2));
            // what CachingEventSourcingRepository registers on rollback
            cache.remove("tally-1");
            throw new IllegalStateException("refused");
        })).isInstanceOf(IllegalStateException.class);

        assertThat((Object) transactions.execute(status -> cache.get("tally-1"))).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsedFirst() {
        CheckedAggregateCache cache = cache(2);
        for (String id : List.of("tally-1", "tally-2")) {
            store.put(id, 0L);
            transactions.executeWithoutResult(status -> cache.put(id, entryAt(id, 0)));
        }
        transactions.execute(status -> cache.get("tally-1")); // tally-2 is now the least recently used
        store.put("tally-3", 0L);
        transactions.executeWithoutResult(status -> cache.put("tally-3", entryAt("tally-3", 0)));

        assertThat(cache.size()).isEqualTo(2);
        assertThat((Object) transactions.execute(status -> cache.get("tally-2"))).isNull();
        assertThat((Object) transactions.execute(status -> cache.get("tally-1"))).isNotNull();
        assertThat((Object) transactions.execute(status -> cache.get("tally-3"))).isNotNull();
    }

    @Test
    void withNoCapacityKeepsAggregatesForOneTransactionOnly() {
        CheckedAggregateCache cache = cache(0);
        store.put("tally-1", 0L);

        transactions.executeWithoutResult(status -> {
            cache.put("tally-1", entryAt("tally-1", 0));
            assertThat((Object) cache.get("tally-1")).isNotNull();
        });

        assertThat(cache.size()).isZero();
        assertThat((Object) transactions.execute(status -> cache.get("tally-1"))).isNull();
    }

    @Test
    void refusesANegativeCapacity() {
        assertThatThrownBy(() -> cache(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** An entry as Axon's repository makes it when it saves an aggregate whose last event has {@code sequence}. */
    private static AggregateCacheEntry<Tally> entryAt(String id, long sequence) {
        Tally tally = new Tally();
        tally.id = id;
        EventSourcedAggregate<Tally> aggregate = EventSourcedAggregate.reconstruct(tally,
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Tally.class), sequence, false,
                SimpleEventBus.builder().build(), NoSnapshotTriggerDefinition.TRIGGER);
        return new AggregateCacheEntry<>(aggregate);
    }

    static class Tally {
        @AggregateIdentifier
        String id;
    }
}
