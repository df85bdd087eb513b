package org.jingzhun.organization.organization;

import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jingzhun.contracts.organization.OrganizationRegistered;
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

    Optional<OrganizationView> find(String id) {
        return jdbc.sql("SELECT id, name, tier, sector, parent_id FROM organization_view WHERE id = ?")
                .param(id).query(OrganizationView.class).optional();
    }
}
