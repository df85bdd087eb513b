package org.jingzhun.platform.axon;

import java.util.Objects;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Asks for a snapshot once the Spring transaction the command ran in has committed. Axon's trigger asks when the
 * command's unit of work has committed, which is the transaction's commit only when the unit of work began it (an
 * HTTP command). Inside a longer transaction — the inbox records a whole group in one, its commands' units of work
 * ending long before — the snapshotter's thread read the aggregate's events before they were committed: nothing for
 * an aggregate the group created (Axon logged "peek() is null" and took no snapshot), an older state otherwise.
 * Here such a request waits for that transaction's commit (and is dropped with a rollback), once per aggregate and
 * transaction; outside one it goes on at once, as before.
 */
final class AfterTransactionSnapshotter implements Snapshotter {

    private static final String REQUESTED = AfterTransactionSnapshotter.class.getName() + ".requested";

    private final Snapshotter snapshotter;

    AfterTransactionSnapshotter(Snapshotter snapshotter) {
        this.snapshotter = Objects.requireNonNull(snapshotter);
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        TransactionScoped.afterCommitOnce(REQUESTED, aggregateType.getName() + "/" + aggregateIdentifier,
                () -> snapshotter.scheduleSnapshot(aggregateType, aggregateIdentifier));
    }
}
