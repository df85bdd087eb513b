package org.jingzhun.organization.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.axon.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every issued version of each campaign's guidance plan, written in the command's transaction
 * (subscribing processor). The plan is kept as the event carried it, in the event JSON format.
 */
@Component
@ProcessingGroup("organization-views")
class GuidancePlanProjection {

    private static final String COLUMNS = "campaign_id, version, starts_on, ends_on, plan::text AS plan, issued_at, issued_by";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectMapper json = EventJson.newMapper();

    GuidancePlanProjection(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventHandler
    void on(GuidancePlanIssued event, @Timestamp Instant issuedAt,
            @MetaDataValue(Actor.META_DATA_KEY) String actor) throws JsonProcessingException {
        jdbc.sql("""
                        INSERT INTO guidance_plan_view (campaign_id, version, starts_on, ends_on, plan, issued_at, issued_by)
                        VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
                        ON CONFLICT (campaign_id, version) DO NOTHING""")
                .params(event.campaignId(), event.version(), event.startsOn(), event.endsOn(),
                        json.writeValueAsString(event.plan()), OffsetDateTime.ofInstant(issuedAt, ZoneOffset.UTC),
                        actor == null ? Actor.SYSTEM : actor)
                .update();
    }

    /** The version in force: the highest issued. */
    Optional<IssuedPlanView> latest(String campaignId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM guidance_plan_view WHERE campaign_id = ? ORDER BY version DESC LIMIT 1")
                .param(campaignId).query(this::view).optional();
    }

    Optional<IssuedPlanView> version(String campaignId, int version) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM guidance_plan_view WHERE campaign_id = ? AND version = ?")
                .params(campaignId, version).query(this::view).optional();
    }

    List<PlanVersionsView.Version> versions(String campaignId) {
        return jdbc.sql("SELECT version, issued_at, issued_by FROM guidance_plan_view WHERE campaign_id = ? ORDER BY version")
                .param(campaignId)
                .query((rs, row) -> new PlanVersionsView.Version(rs.getInt("version"), issuedAt(rs),
                        rs.getString("issued_by")))
                .list();
    }

    private IssuedPlanView view(ResultSet rs, int row) throws SQLException {
        GuidancePlan plan;
        try {
            plan = json.readValue(rs.getString("plan"), GuidancePlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable plan of campaign " + rs.getString("campaign_id"), e);
        }
        return new IssuedPlanView(rs.getString("campaign_id"), rs.getInt("version"),
                rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
                issuedAt(rs), rs.getString("issued_by"), plan);
    }

    /** Instants are answered with the county's offset. */
    private OffsetDateTime issuedAt(ResultSet rs) throws SQLException {
        return rs.getObject("issued_at", OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toOffsetDateTime();
    }
}
