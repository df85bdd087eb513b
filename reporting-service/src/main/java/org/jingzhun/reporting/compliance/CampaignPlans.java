package org.jingzhun.reporting.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.readmodel.AsOf;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads a campaign's plan in force from {@code guidance_plan} (stored in the event format), else its period. */
final class CampaignPlans {

    private static final ObjectMapper EVENT_JSON = EventJson.newMapper();
    private static final GuidancePlan EMPTY = new GuidancePlan(List.of(), List.of(), List.of());

    private final JdbcClient jdbc;

    CampaignPlans(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The campaign's latest plan (as of an instant: the latest issued by then). A campaign whose plan is not projected yet (it travels right after the
     * launch) has the empty plan.
     *
     * @throws RuleViolation NOT_FOUND when neither the campaign nor a plan of it is known
     */
    CampaignPlan inForce(String campaignId, AsOf asOf) {
        Optional<CampaignPlan> latest = jdbc.sql("""
                        SELECT version, starts_on, ends_on, CAST(plan AS TEXT) FROM %s
                        WHERE campaign_id = ? ORDER BY version DESC LIMIT 1""".formatted(asOf.facts("guidance_plan", "g")))
                .param(campaignId)
                .query((rs, row) -> new CampaignPlan(campaignId, rs.getInt(1),
                        period(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)), read(rs.getString(4))))
                .optional();
        if (latest.isPresent()) {
            return latest.get();
        }
        return jdbc.sql("SELECT starts_on, ends_on FROM " + asOf.facts("campaign", "c") + " WHERE campaign_id = ?")
                .param(campaignId)
                .query((rs, row) -> new CampaignPlan(campaignId, 0,
                        period(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)), EMPTY))
                .optional()
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "campaign.not-found", "campaignId",
                        "No campaign " + campaignId));
    }

    /** The producer checks the order; a reversed period would make every range fail, so it is read as one day. */
    private static DateRange period(LocalDate startsOn, LocalDate endsOn) {
        return new DateRange(startsOn, endsOn.isBefore(startsOn) ? startsOn : endsOn);
    }

    private static GuidancePlan read(String json) {
        try {
            return EVENT_JSON.readValue(json, GuidancePlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("guidance_plan holds a plan that is not a GuidancePlan", e);
        }
    }
}
