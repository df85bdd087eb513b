package org.jingzhun.reporting.compliance;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.reporting.readmodel.AsOf;
import org.jingzhun.reporting.readmodel.Snapshot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Judges every active organization (of a tier, of a sector) against the campaign's plan in force. */
@Component
class ComplianceQuery {

    private final CampaignPlans plans;
    private final ComplianceRecords records;
    private final Snapshot snapshot;
    private final ZoneId county;
    private final Clock clock;

    ComplianceQuery(JdbcClient jdbc, PlatformTransactionManager transactions, JingzhunProperties jingzhun,
                    Clock clock) {
        this.plans = new CampaignPlans(jdbc);
        this.records = new ComplianceRecords(jdbc);
        this.snapshot = new Snapshot(transactions, jdbc);
        this.county = jingzhun.timeZone();
        this.clock = clock;
    }

    /**
     * Every organization behind its requirements, and why.
     *
     * @throws org.jingzhun.platform.web.RuleViolation NOT_FOUND for an unknown campaign
     */
    Compliance compliance(String campaignId, @Nullable Tier tier, @Nullable Sector sector) {
        return compliance(campaignId, tier, sector, AsOf.live());
    }

    /**
     * Every organization behind its requirements as the county stood at an instant (live: now): the
     * registry, plan and records of then, and periods judged as they were on that day.
     *
     * @throws org.jingzhun.platform.web.RuleViolation NOT_FOUND for a campaign unknown then
     */
    Compliance compliance(String campaignId, @Nullable Tier tier, @Nullable Sector sector, AsOf asOf) {
        return snapshot.read(() -> {
            CampaignPlan plan = plans.inForce(campaignId, asOf);
            OffsetDateTime now = CampaignCalendar.now(clock, county, asOf);
            CampaignCalendar calendar = CampaignCalendar.of(plan.period(), now);
            List<Behind> behind = new ArrayList<>();
            for (OrganizationRecord record : records.records(campaignId,
                    records.organizations(tier, sector, null, false, asOf), asOf)) {
                behind.addAll(ComplianceEvaluator.behind(plan.plan(), record, calendar));
            }
            behind.sort(Behind.ORDER);
            return new Compliance(campaignId, now, List.copyOf(behind));
        });
    }
}
