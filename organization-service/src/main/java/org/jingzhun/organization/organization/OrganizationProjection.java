package org.jingzhun.organization.organization;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The organization read model, written in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup("organization-views")
class OrganizationProjection {

    private final JdbcClient jdbc;

    OrganizationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OrganizationRegistered event) {
        jdbc.sql("""
                        INSERT INTO organization_view (id, name, tier, sector, parent_id) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.organizationId(), event.name(), event.tier().name(), event.sector().name(),
                        event.parentId())
                .update();
    }

    @EventHandler
    void on(OrganizationRenamed event) {
        jdbc.sql("UPDATE organization_view SET name = ? WHERE id = ?")
                .params(event.name(), event.organizationId()).update();
    }

    @EventHandler
    void on(OrganizationReclassified event) {
        jdbc.sql("UPDATE organization_view SET tier = ?, sector = ? WHERE id = ?")
                .params(event.tier().name(), event.sector().name(), event.organizationId()).update();
    }

    @EventHandler
    void on(OrganizationDissolved event) {
        jdbc.sql("UPDATE organization_view SET dissolved = TRUE WHERE id = ?").param(event.organizationId()).update();
    }
}
