package org.jingzhun.organization.campaign;

import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The campaign read model, written in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup("organization-views")
class CampaignProjection {

    private final JdbcClient jdbc;

    CampaignProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CampaignLaunched event) {
        jdbc.sql("""
                        INSERT INTO campaign_view (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.campaignId(), event.name(), event.startsOn(), event.endsOn())
                .update();
    }

    Optional<CampaignView> find(String id) {
        return jdbc.sql("SELECT id, name, starts_on, ends_on FROM campaign_view WHERE id = ?")
                .param(id).query(CampaignView.class).optional();
    }
}
