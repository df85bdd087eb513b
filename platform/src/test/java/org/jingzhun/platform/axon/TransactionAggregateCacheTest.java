package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The aggregate cache keeps what one transaction loaded and saved, for that transaction only. */
class TransactionAggregateCacheTest {

    private final TransactionAggregateCache cache = new TransactionAggregateCache();
    private final TransactionTemplate transactions = new TransactionTemplate(new SynchronizationOnlyTransactions());

    @Test
    void handsAnAggregateToTheNextCommandOfTheSameTransaction() {
        Object record = new Object();

        transactions.executeWithoutResult(status -> {
            cache.put("record-1", record);
            assertThat((Object) cache.get("record-1")).isSameAs(record);
            assertThat(cache.containsKey("record-1")).isTrue();
            assertThat((Object) cache.get("record-2")).isNull();
        });
    }

    @Test
    void forgetsEverythingOnceTheTransactionCommitted() {
        transactions.executeWithoutResult(status -> cache.put("record-1", new Object()));

        transactions.executeWithoutResult(status -> assertThat((Object) cache.get("record-1")).isNull());
    }

    @Test
    void forgetsEverythingOnceTheTransactionRolledBack() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            cache.put("record-1", new Object());
            throw new IllegalStateException("a command was refused");
        })).isInstanceOf(IllegalStateException.class);

        transactions.executeWithoutResult(status -> assertThat((Object) cache.get("record-1")).isNull());
    }

    @Test
    void aTransactionOfItsOwnInsideAnotherSeesNoneOfTheOuterEntriesAndLeavesNoneBehind() {
        Object outer = new Object();
        TransactionTemplate inner = new TransactionTemplate(transactions.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transactions.executeWithoutResult(status -> {
            cache.put("record-1", outer);
            inner.executeWithoutResult(innerStatus -> {
                assertThat((Object) cache.get("record-1")).isNull();
                cache.put("record-1", new Object());
                cache.put("record-2", new Object());
            });
            assertThat((Object) cache.get("record-1")).isSameAs(outer);
            assertThat((Object) cache.get("record-2")).isNull();
        });
    }

    @Test
    void keepsNothingOutsideATransaction() {
        cache.put("record-1", new Object());

        assertThat((Object) cache.get("record-1")).isNull();
        assertThat(TransactionSynchronizationManager.getResourceMap()).isEmpty();
    }

    @Test
    void dropsAnEntryAxonRemovesWhenACommandRollsBack() {
        transactions.executeWithoutResult(status -> {
            cache.put("record-1", new Object());
            cache.remove("record-1");
            assertThat((Object) cache.get("record-1")).isNull();
        });
    }
}
