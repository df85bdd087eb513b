package org.jingzhun.reporting.compliance;

import static org.jingzhun.reporting.compliance.CountyEvents.ENDS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.STARTS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.completed;
import static org.jingzhun.reporting.compliance.CountyEvents.member;
import static org.jingzhun.reporting.compliance.CountyEvents.note;
import static org.jingzhun.reporting.compliance.CountyEvents.problem;
import static org.jingzhun.reporting.compliance.CountyEvents.research;
import static org.jingzhun.reporting.compliance.CountyEvents.session;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.reporting.SourcePlan;

/**
 * A county's history in four stages over a campaign (registry changes, study, notes, checklist, problems, a
 * second plan version), each with the instants at which the tests of answers as of an instant ask for its
 * state: after a stage is loaded, the live answers at its instants are what the answers as of them must be.
 */
public final class CountyHistory {

    public static final String CAMPAIGN = "c-2019";

    private CountyHistory() {
    }

    /** One stage: what it records, and the instants (between it and the next) that see it. */
    public record Stage(Consumer<CountyEvents> load, List<OffsetDateTime> instants) {
        Stage(Consumer<CountyEvents> load, OffsetDateTime... instants) {
            this(load, List.of(instants));
        }
    }

    /** The county's history, stage by stage, each with the instants at which its state is asked for. */
    public static List<Stage> stages() {
        OffsetDateTime september = OffsetDateTime.parse("2019-09-05T10:00:00+08:00");
        OffsetDateTime october = OffsetDateTime.parse("2019-10-02T10:00:00+08:00");
        OffsetDateTime november = OffsetDateTime.parse("2019-11-03T10:00:00+08:00");
        OffsetDateTime december = OffsetDateTime.parse("2019-12-02T10:00:00+08:00");
        return List.of(
                new Stage(county -> county.applyAt(september,
                        new CampaignLaunched(CAMPAIGN, "不忘初心、牢记使命主题教育", STARTS_ON, ENDS_ON),
                        new GuidancePlanIssued(CAMPAIGN, 1, STARTS_ON, ENDS_ON, SourcePlan.sourceDocumentPlan()),
                        new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                        new OrganizationRegistered("branch-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                        new OrganizationRegistered("branch-2", "另一村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                        member("m-1", "branch-1", MemberOccupation.PUBLIC_SERVANT),
                        member("m-2", "branch-1", MemberOccupation.PUBLIC_SERVANT),
                        session("town-1", CAMPAIGN, LocalDate.of(2019, 9, 3), 2, StudyFormat.CONCENTRATED)),
                        september, september.plusDays(10)),
                new Stage(county -> county.applyAt(october,
                        session("town-1", CAMPAIGN, LocalDate.of(2019, 10, 1), 1, StudyFormat.CONCENTRATED),
                        note("m-1", "branch-1", CAMPAIGN),
                        completed("branch-1", CAMPAIGN, ChecklistItem.PLAN, LocalDate.of(2019, 10, 1)),
                        new SpecialRectificationLaunched("sr-1", CAMPAIGN, "营商环境不优问题", null, "town-1"),
                        problem("p-1", "town-1", CAMPAIGN, "sr-1"),
                        new OrganizationReclassified("branch-2", Tier.BRANCH, Sector.EDUCATION, Tier.BRANCH,
                                Sector.VILLAGE)),
                        october, october.plusDays(20)),
                new Stage(county -> county.applyAt(november,
                        new OrganizationRegistered("school-1", "某校党支部", Tier.BRANCH, Sector.EDUCATION, null),
                        research("town-1", CAMPAIGN, ResearchKind.PROBLEM_BRIEF),
                        new ProblemRectified("p-1", "town-1", CAMPAIGN, "已整改", List.of()),
                        new MemberLeft("m-2", "branch-1"),
                        new OrganizationDissolved("branch-2", "另一村党支部")),
                        november, november.plusDays(5)),
                // A new plan version with no requirements at all: nobody is behind from then on.
                new Stage(county -> county.applyAt(december,
                        new GuidancePlanIssued(CAMPAIGN, 2, STARTS_ON, ENDS_ON,
                                new GuidancePlan(List.of(), List.of(), List.of()))),
                        december, december.plusDays(1)));
    }

}
