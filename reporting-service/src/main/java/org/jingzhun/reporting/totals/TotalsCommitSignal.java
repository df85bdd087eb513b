package org.jingzhun.reporting.totals;

import org.jingzhun.platform.projection.BatchHook;
import org.jingzhun.platform.projection.ProjectedBatch;
import org.springframework.stereotype.Component;

/**
 * Tells the totals stream that the read models changed, once per projector transaction and only after
 * it committed: a stream must never show totals that a rollback takes back.
 */
@Component
class TotalsCommitSignal implements BatchHook {

    private final TotalsBroadcast broadcast;

    TotalsCommitSignal(TotalsBroadcast broadcast) {
        this.broadcast = broadcast;
    }

    @Override
    public void afterCommit(ProjectedBatch batch) {
        broadcast.changed();
    }
}
