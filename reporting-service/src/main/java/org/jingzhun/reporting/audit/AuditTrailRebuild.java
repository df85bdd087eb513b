package org.jingzhun.reporting.audit;

import org.jingzhun.platform.projection.Projection;
import org.jingzhun.platform.projection.RebuildableReadModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The audit trail in a rebuild: the same rows, written into the rebuilt tables, beside the other read models (it
 * reads nothing of theirs, keeps no state, and inserts each event once: {@code ON CONFLICT (event_id) DO NOTHING}).
 */
@Component
class AuditTrailRebuild implements RebuildableReadModel {

    @Override
    public boolean writtenBeside() {
        return true;
    }

    @Override
    public Projection into(JdbcClient target) {
        return new AuditTrail(target);
    }
}
