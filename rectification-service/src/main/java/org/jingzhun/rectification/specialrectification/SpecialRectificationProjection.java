package org.jingzhun.rectification.specialrectification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The special rectification read model, written in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup("special-rectification-views")
class SpecialRectificationProjection implements SpecialRectifications {

    private static final String COLUMNS = "id, campaign_id, title, scope, organization_id, launched_at";

    private final JdbcClient jdbc;

    SpecialRectificationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SpecialRectificationLaunched event, @Timestamp Instant at) {
        jdbc.sql("INSERT INTO special_rectification_view (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO NOTHING")
                .params(event.specialRectificationId(), event.campaignId(), event.title(), event.scope(),
                        event.organizationId(), java.sql.Timestamp.from(at))
                .update();
    }

    @Override
    public Optional<SpecialRectificationView> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM special_rectification_view WHERE id = ?")
                .param(id).query(SpecialRectificationView.class).optional();
    }

    List<SpecialRectificationView> list(String campaignId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM special_rectification_view"
                        + " WHERE (CAST(:campaign AS VARCHAR) IS NULL OR campaign_id = :campaign)"
                        + " ORDER BY launched_at, id LIMIT :limit")
                .param("campaign", campaignId).param("limit", limit)
                .query(SpecialRectificationView.class).list();
    }
}
