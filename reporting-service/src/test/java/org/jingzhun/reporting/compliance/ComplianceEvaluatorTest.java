package org.jingzhun.reporting.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.junit.jupiter.api.Test;

/** The policies together: numbers come from the plan entry of each organization's tier and sector. */
class ComplianceEvaluatorTest {

    private static final CampaignCalendar OCTOBER_FIRST = new CampaignCalendar(LocalDate.of(2019, 9, 1),
            LocalDate.of(2019, 11, 30), LocalDate.of(2019, 10, 1));

    /** Section teams: 2 days a month; the education sector's opinion asks 3. */
    private static final GuidancePlan PLAN = new GuidancePlan(List.of(), List.of(), List.of(
            new Requirements(Tier.SECTION, null, new StudyRequirement(null, 2, List.of(),
                    List.of(StudyFormat.CONCENTRATED)), List.of(), List.of(), List.of(), null, List.of(), null),
            new Requirements(Tier.SECTION, Sector.EDUCATION, new StudyRequirement(null, 3, List.of(), List.of()),
                    List.of(), List.of(), List.of(), null, List.of(), null)));

    private static OrganizationRecord twoDaysInSeptember(Organization organization) {
        StudyLog log = new StudyLog()
                .add(LocalDate.of(2019, 9, 10), StudyFormat.CONCENTRATED, BigDecimal.ONE)
                .add(LocalDate.of(2019, 9, 11), StudyFormat.CONCENTRATED, BigDecimal.ONE);
        return new OrganizationRecord(organization, log, Map.of(), Map.of(), Map.of(), Set.of());
    }

    @Test
    void takesEachOrganizationsNumbersFromThePlanEntryOfItsTierAndSector() {
        Organization organ = new Organization("organ", "县财政局党组", Tier.SECTION, Sector.ORGAN, null, false);
        Organization education = new Organization("edu", "县教育局党组", Tier.SECTION, Sector.EDUCATION, null, false);

        assertThat(ComplianceEvaluator.behind(PLAN, twoDaysInSeptember(organ), OCTOBER_FIRST)).isEmpty();
        assertThat(ComplianceEvaluator.behind(PLAN, twoDaysInSeptember(education), OCTOBER_FIRST))
                .extracting(Behind::organizationId, Behind::requirement, Behind::period, Behind::required, Behind::done)
                .containsExactly(tuple("edu", Requirement.STUDY_DAYS_PER_MONTH, "2019-09", 3, 2L));
    }

    @Test
    void requiresNothingOfATierThePlanHasNoEntryFor() {
        Organization county = new Organization("c", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null, false);

        assertThat(ComplianceEvaluator.behind(PLAN, OrganizationRecord.nothingDone(county), OCTOBER_FIRST)).isEmpty();
    }

    @Test
    void holdsADissolvedOrganizationToNothing() {
        Organization dissolved = new Organization("gone", "已撤销党组", Tier.SECTION, Sector.ORGAN, null, true);

        assertThat(ComplianceEvaluator.behind(PLAN, OrganizationRecord.nothingDone(dissolved), OCTOBER_FIRST)).isEmpty();
    }

    @Test
    void ordersByTierSectorNameRequirementAndPeriod() {
        List<Behind> entries = new ArrayList<>(List.of(
                entry("b", "乙支部", Tier.BRANCH, Sector.VILLAGE, Requirement.CHECKLIST_ITEM, null),
                entry("t2", "乙镇党委", Tier.SECTION, Sector.TOWNSHIP, Requirement.STUDY_DAYS_PER_MONTH, "2019-10"),
                entry("t2", "乙镇党委", Tier.SECTION, Sector.TOWNSHIP, Requirement.STUDY_DAYS_PER_MONTH, "2019-09"),
                entry("t2", "乙镇党委", Tier.SECTION, Sector.TOWNSHIP, Requirement.STUDY_TOTAL_DAYS, null),
                entry("t1", "甲镇党委", Tier.SECTION, Sector.TOWNSHIP, Requirement.SPECIAL_RECTIFICATION, null),
                entry("o", "县财政局党组", Tier.SECTION, Sector.ORGAN, Requirement.RESEARCH, null),
                entry("c", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, Requirement.STUDY_CONSECUTIVE_DAYS,
                        "2019-09")));

        entries.sort(Behind.ORDER);

        assertThat(entries).extracting(Behind::organizationId, Behind::requirement, Behind::period).containsExactly(
                tuple("c", Requirement.STUDY_CONSECUTIVE_DAYS, "2019-09"),
                tuple("t2", Requirement.STUDY_TOTAL_DAYS, null),
                tuple("t2", Requirement.STUDY_DAYS_PER_MONTH, "2019-09"),
                tuple("t2", Requirement.STUDY_DAYS_PER_MONTH, "2019-10"),
                tuple("t1", Requirement.SPECIAL_RECTIFICATION, null),
                tuple("o", Requirement.RESEARCH, null),
                tuple("b", Requirement.CHECKLIST_ITEM, null));
    }

    private static Behind entry(String id, String name, Tier tier, Sector sector, Requirement requirement,
                                String period) {
        return new Behind(id, name, tier, sector, requirement, period, 1, 0L, "");
    }
}
