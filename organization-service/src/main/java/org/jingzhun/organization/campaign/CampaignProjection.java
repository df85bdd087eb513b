package org.jingzhun.organization.campaign;

import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.organization.Page;
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

    /** One page of the campaigns, the latest start first. */
    Page<CampaignView> list(int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM campaign_view").query(Long.class).single();
        List<CampaignView> items = jdbc.sql("""
                        SELECT id, name, starts_on, ends_on FROM campaign_view
                        ORDER BY starts_on DESC, name, id LIMIT ? OFFSET ?""")
                .params(size, (long) page * size).query(CampaignView.class).list();
        return new Page<>(items, page, size, total);
    }

    Optional<CampaignView> find(String id) {
        return jdbc.sql("SELECT id, name, starts_on, ends_on FROM campaign_view WHERE id = ?")
                .param(id).query(CampaignView.class).optional();
    }
}
