package org.jingzhun.platform.registry;

import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Organization events into {@code registry_organization}. Idempotent on its own: a registration is
 * inserted once, and a change applies only if it is newer (by the aggregate's sequence number) than
 * the last one applied, so a redelivered old event cannot undo a later one. No parent check: a child
 * may arrive before its parent (another partition), and simply waits in the table for it.
 */
final class OrganizationWriter {

    /** Applies a change to an existing row if the event is newer than the row's last one. */
    private static final String NEWER = " WHERE id = :id AND (:sequence < 0 OR last_sequence < :sequence)";
    private static final String APPLIED = ", last_sequence = GREATEST(last_sequence, :sequence), updated_at = :time";

    private final JdbcClient jdbc;

    OrganizationWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void registered(OrganizationRegistered event, ProjectedEvent envelope) {
        jdbc.sql("""
                        INSERT INTO registry_organization (id, name, tier, sector, parent_id, dissolved, last_sequence, updated_at)
                        VALUES (:id, :name, :tier, :sector, :parent, FALSE, :sequence, :time)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", event.organizationId()).param("name", event.name())
                .param("tier", Enums.name(event.tier())).param("sector", Enums.name(event.sector()))
                .param("parent", event.parentId())
                .param("sequence", envelope.sequence()).param("time", envelope.time())
                .update();
    }

    void renamed(OrganizationRenamed event, ProjectedEvent envelope) {
        change("name = :name", event.organizationId(), envelope)
                .param("name", event.name()).update();
    }

    void reclassified(OrganizationReclassified event, ProjectedEvent envelope) {
        change("tier = :tier, sector = :sector", event.organizationId(), envelope)
                .param("tier", Enums.name(event.tier())).param("sector", Enums.name(event.sector())).update();
    }

    void dissolved(OrganizationDissolved event, ProjectedEvent envelope) {
        change("dissolved = TRUE", event.organizationId(), envelope).update();
    }

    private JdbcClient.StatementSpec change(String assignments, String organizationId, ProjectedEvent envelope) {
        return jdbc.sql("UPDATE registry_organization SET " + assignments + APPLIED + NEWER)
                .param("id", organizationId).param("sequence", envelope.sequence()).param("time", envelope.time());
    }
}
