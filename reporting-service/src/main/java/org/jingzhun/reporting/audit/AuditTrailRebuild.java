package org.jingzhun.reporting.audit;

import org.jingzhun.platform.projection.Projection;
import org.jingzhun.platform.projection.RebuildableReadModel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The audit trail in a rebuild: the same rows, written into the rebuilt tables. */
@Component
class AuditTrailRebuild implements RebuildableReadModel {

    @Override
    public Projection into(JdbcClient target) {
        return new AuditTrail(target);
    }
}
