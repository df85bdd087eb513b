package org.jingzhun.reporting.totals;

import java.time.ZoneOffset;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the tables behind the totals. Runs inside the projector's transaction, which already skips an
 * event id seen before; the writes are upserts anyway, so projecting the same fact twice changes nothing.
 */
@Component
class TotalsProjection implements Projection {

    private final JdbcClient jdbc;

    TotalsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(ProjectedEvent event) {
        Object payload = event.payload();
        if (payload instanceof CampaignLaunched launched) {
            campaignLaunched(launched);
        } else if (payload instanceof OrganizationRegistered registered) {
            organizationRegistered(registered);
        } else if (payload instanceof HonorRoomVisited visited) {
            honorRoomVisited(visited);
        } else if (payload instanceof ProblemLogged logged) {
            problemLogged(logged);
        } else if (payload instanceof ProblemRectified rectified) {
            problemRectified(rectified);
        } else {
            throw UnprojectableEvent.unhandled(event.type());
        }
        count(event);
    }

    private void campaignLaunched(CampaignLaunched e) {
        jdbc.sql("""
                        INSERT INTO campaign (campaign_id, name, starts_on, ends_on) VALUES (?, ?, ?, ?)
                        ON CONFLICT (campaign_id) DO UPDATE
                        SET name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on""")
                .params(e.campaignId(), e.name(), e.startsOn(), e.endsOn())
                .update();
    }

    private void organizationRegistered(OrganizationRegistered e) {
        jdbc.sql("""
                        INSERT INTO organization (organization_id, name, tier, sector, parent_id) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (organization_id) DO UPDATE
                        SET name = EXCLUDED.name, tier = EXCLUDED.tier, sector = EXCLUDED.sector,
                            parent_id = EXCLUDED.parent_id""")
                .params(e.organizationId(), e.name(), e.tier().name(), e.sector().name(), e.parentId())
                .update();
    }

    private void honorRoomVisited(HonorRoomVisited e) {
        jdbc.sql("""
                        INSERT INTO honor_room_visit (record_id, organization_id, campaign_id, visit_date, visitors)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (record_id) DO UPDATE
                        SET organization_id = EXCLUDED.organization_id, campaign_id = EXCLUDED.campaign_id,
                            visit_date = EXCLUDED.visit_date, visitors = EXCLUDED.visitors""")
                .params(e.recordId(), e.organizationId(), e.campaignId(), e.date(), e.visitors())
                .update();
    }

    private void problemLogged(ProblemLogged e) {
        // DO NOTHING, not an update: a late copy of ProblemLogged must not undo a later rectification.
        jdbc.sql("""
                        INSERT INTO problem (problem_id, organization_id, campaign_id, status, source, focus_area,
                                             special_rectification_id, deadline)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (problem_id) DO NOTHING""")
                .params(e.problemId(), e.organizationId(), e.campaignId(), ProblemStatus.LOGGED.name(),
                        e.source().name(), e.focusArea().name(), e.specialRectificationId(),
                        e.deadline().atOffset(ZoneOffset.UTC))
                .update();
    }

    private void problemRectified(ProblemRectified e) {
        int updated = jdbc.sql("UPDATE problem SET status = ? WHERE problem_id = ?")
                .params(ProblemStatus.RECTIFIED.name(), e.problemId())
                .update();
        if (updated == 0) {
            throw UnprojectableEvent.unknownProblem(e.problemId());
        }
    }

    private void count(ProjectedEvent event) {
        // GREATEST, not the last seen: partitions interleave, so event times do not arrive in order.
        jdbc.sql("""
                        UPDATE projection_stats
                        SET events_projected = events_projected + 1, last_event_at = ?
                        WHERE id = 1""")
                .param(event.time())
                .update();
    }
}
