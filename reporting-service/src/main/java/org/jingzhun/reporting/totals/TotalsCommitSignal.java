package org.jingzhun.reporting.totals;

import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the totals stream that the read models changed, once per projector transaction and only after
 * it committed: a stream must never show totals that a rollback takes back. A read model like any
 * other, so the platform's projector needs no hook of its own.
 */
@Component
class TotalsCommitSignal implements Projection {

    private final TotalsBroadcast broadcast;
    /** Marks a transaction that already has the signal registered. */
    private final Object registered = new Object();

    TotalsCommitSignal(TotalsBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void apply(ProjectedEvent event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            broadcast.changed();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(registered)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(registered, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(registered);
                if (status == STATUS_COMMITTED) {
                    broadcast.changed();
                }
            }
        });
    }
}
