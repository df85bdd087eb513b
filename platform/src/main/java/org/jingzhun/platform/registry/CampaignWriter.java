package org.jingzhun.platform.registry;

import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Campaign events into {@code registry_campaign} and {@code registry_plan}. Both are write-once (a
 * launch happens once, a plan version is never changed, a revision is a new version), so a
 * redelivery is simply ignored.
 */
final class CampaignWriter {

    private final JdbcClient jdbc;

    CampaignWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void launched(CampaignLaunched event) {
        jdbc.sql("""
                        INSERT INTO registry_campaign (id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.campaignId(), event.name(), event.startsOn(), event.endsOn())
                .update();
    }

    void planIssued(GuidancePlanIssued event, ProjectedEvent envelope) {
        if (event.plan() == null) {
            // Would otherwise be stored as JSON null and break every later read of the campaign's plan.
            throw new IllegalArgumentException("GuidancePlanIssued " + event.campaignId() + " v" + event.version()
                    + " carries no plan");
        }
        jdbc.sql("""
                        INSERT INTO registry_plan (campaign_id, version, starts_on, ends_on, plan, issued_at)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?)
                        ON CONFLICT (campaign_id, version) DO NOTHING""")
                .params(event.campaignId(), event.version(), event.startsOn(), event.endsOn(),
                        PlanJson.write(event.plan()), envelope.time())
                .update();
    }
}
