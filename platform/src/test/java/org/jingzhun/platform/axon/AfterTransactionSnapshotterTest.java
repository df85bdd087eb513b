package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** A snapshot asked for inside a transaction waits for its commit; outside one it is asked for at once. */
class AfterTransactionSnapshotterTest {

    private final List<String> scheduled = new ArrayList<>();
    private final AfterTransactionSnapshotter snapshotter =
            new AfterTransactionSnapshotter((type, id) -> scheduled.add(type.getSimpleName() + "/" + id));
    private final TransactionTemplate transactions = new TransactionTemplate(new SynchronizationOnlyTransactions());

    @Test
    void outsideATransactionTheSnapshotIsAskedForAtOnce() {
        snapshotter.scheduleSnapshot(String.class, "a");

        assertThat(scheduled).containsExactly("String/a");
    }

    @Test
    void insideATransactionItWaitsForTheCommitOncePerAggregate() {
        transactions.executeWithoutResult(status -> {
            snapshotter.scheduleSnapshot(String.class, "a");
            snapshotter.scheduleSnapshot(String.class, "b");
            snapshotter.scheduleSnapshot(String.class, "a");
            assertThat(scheduled).isEmpty();
        });

        assertThat(scheduled).containsExactly("String/a", "String/b");
    }

    @Test
    void aRolledBackTransactionAsksForNone() {
        transactions.executeWithoutResult(status -> {
            snapshotter.scheduleSnapshot(String.class, "a");
            status.setRollbackOnly();
        });

        assertThat(scheduled).isEmpty();
        // The next transaction asks again for the same aggregate.
        transactions.executeWithoutResult(status -> snapshotter.scheduleSnapshot(String.class, "a"));
        assertThat(scheduled).containsExactly("String/a");
    }
}
