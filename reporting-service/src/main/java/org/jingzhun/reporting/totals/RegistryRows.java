package org.jingzhun.reporting.totals;

import static org.jingzhun.reporting.totals.UnprojectableEvent.requireRow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.jingzhun.platform.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaigns, their guidance plans and organizations: tables {@code campaign}, {@code guidance_plan} and
 * {@code organization}.
 */
final class RegistryRows {

    /** The plan is stored as it travelled: the event format, not the web layer's. */
    private static final ObjectMapper EVENT_JSON = EventJson.newMapper();

    private final JdbcClient jdbc;

    RegistryRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void campaignLaunched(CampaignLaunched e, OffsetDateTime at) {
        jdbc.sql("""
                        INSERT INTO campaign (campaign_id, name, starts_on, ends_on, recorded_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (campaign_id) DO UPDATE
                        SET name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
                            recorded_at = LEAST(campaign.recorded_at, EXCLUDED.recorded_at)""")
                .params(e.campaignId(), e.name(), e.startsOn(), e.endsOn(), at)
                .update();
    }

    void guidancePlanIssued(GuidancePlanIssued e, OffsetDateTime at) {
        jdbc.sql("""
                        INSERT INTO guidance_plan (campaign_id, version, starts_on, ends_on, plan, recorded_at)
                        VALUES (?, ?, ?, ?, CAST(? AS JSONB), ?)
                        ON CONFLICT (campaign_id, version) DO UPDATE
                        SET starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on, plan = EXCLUDED.plan,
                            recorded_at = LEAST(guidance_plan.recorded_at, EXCLUDED.recorded_at)""")
                .params(e.campaignId(), e.version(), e.startsOn(), e.endsOn(), json(e), at)
                .update();
    }

    void organizationRegistered(OrganizationRegistered e, OffsetDateTime at) {
        jdbc.sql("""
                        INSERT INTO organization (organization_id, name, tier, sector, parent_id) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id) DO UPDATE
                        SET name = EXCLUDED.name, tier = EXCLUDED.tier, sector = EXCLUDED.sector,
                            parent_id = EXCLUDED.parent_id""")
                .params(e.organizationId(), e.name(), e.tier().name(), e.sector().name(), e.parentId())
                .update();
        RowHistory.ORGANIZATION.changed(jdbc, e.organizationId(), at);
    }

    void organizationRenamed(OrganizationRenamed e, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE organization SET name = ? WHERE organization_id = ?")
                .params(e.name(), e.organizationId())
                .update(), "organization", e.organizationId(), OrganizationRegistered.class);
        RowHistory.ORGANIZATION.changed(jdbc, e.organizationId(), at);
    }

    void organizationReclassified(OrganizationReclassified e, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE organization SET tier = ?, sector = ? WHERE organization_id = ?")
                .params(e.tier().name(), e.sector().name(), e.organizationId())
                .update(), "organization", e.organizationId(), OrganizationRegistered.class);
        RowHistory.ORGANIZATION.changed(jdbc, e.organizationId(), at);
    }

    void organizationDissolved(OrganizationDissolved e, OffsetDateTime at) {
        // Kept, flagged: problems and visits it recorded still count, the registry no longer does.
        requireRow(jdbc.sql("UPDATE organization SET dissolved = TRUE WHERE organization_id = ?")
                .params(e.organizationId())
                .update(), "organization", e.organizationId(), OrganizationRegistered.class);
        RowHistory.ORGANIZATION.changed(jdbc, e.organizationId(), at);
    }

    private static String json(GuidancePlanIssued e) {
        try {
            return EVENT_JSON.writeValueAsString(e.plan());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("Cannot write the plan of campaign " + e.campaignId(), ex);
        }
    }
}
