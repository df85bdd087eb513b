package org.jingzhun.organization.campaign;

import static org.jingzhun.contracts.FocusArea.BASIC_WORK;
import static org.jingzhun.contracts.FocusArea.BRANCH_STANDARDIZATION;
import static org.jingzhun.contracts.FocusArea.EDUCATION_MISSION;
import static org.jingzhun.contracts.FocusArea.LEADING_REFORM_AND_DEVELOPMENT;
import static org.jingzhun.contracts.FocusArea.MEDICAL_ETHICS;
import static org.jingzhun.contracts.FocusArea.NEW_DEVELOPMENT_PHILOSOPHY;
import static org.jingzhun.contracts.FocusArea.ORGANIZING_POWER;
import static org.jingzhun.contracts.FocusArea.ORGAN_PARTY_BUILDING;
import static org.jingzhun.contracts.FocusArea.PARTY_AFFAIRS;
import static org.jingzhun.contracts.FocusArea.PARTY_BUILDING;
import static org.jingzhun.contracts.FocusArea.PATIENT_SERVICE_GAPS;
import static org.jingzhun.contracts.FocusArea.POLICY_DELIVERY;
import static org.jingzhun.contracts.FocusArea.POLITICAL_FUNCTION;
import static org.jingzhun.contracts.FocusArea.POVERTY_ALLEVIATION;
import static org.jingzhun.contracts.FocusArea.QUALITY_OF_SERVICE;
import static org.jingzhun.contracts.FocusArea.SERVING_GRASSROOTS_AND_DEVELOPMENT;
import static org.jingzhun.contracts.FocusArea.SERVING_THE_MASSES;
import static org.jingzhun.contracts.FocusArea.SOCIAL_GOVERNANCE;
import static org.jingzhun.contracts.FocusArea.TEACHER_ETHICS;
import static org.jingzhun.contracts.FocusArea.TEACHING_MANAGEMENT;
import static org.jingzhun.contracts.FocusArea.TRANSFORMATION_AND_UPGRADING;
import static org.jingzhun.contracts.FocusArea.TWO_COVERAGES;
import static org.jingzhun.contracts.FocusArea.WEAK_FOUNDATIONS;
import static org.jingzhun.contracts.FocusArea.WORK_STYLE_AND_EFFICIENCY;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.MemberGuidance;
import org.jingzhun.contracts.plan.MemberOutreach;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;

/**
 * The plan of the source document (湄潭县 "1+6" 工作方案, report of 2019-09-27), version 1 of every
 * campaign launched without a plan of its own. It states what the document states and nothing more:
 * <ul>
 *   <li>Tier 1 concentrates its study over 5 consecutive days "in September" (9 月份连续开展 5 天). The
 *       document's campaign began in September 2019, so this is read as the first September of the
 *       campaign period that holds at least 5 of its days; a period without one gets no such run.</li>
 *   <li>Study days of tiers 1 and 2 are of concentrated study (集中学习研讨), the only format counted.</li>
 *   <li>The document names no set texts (规定篇目) for every tier, so {@code setReadings} is empty;
 *       the branches' readings name the 摘编 and the branch regulations as it says. A sector's extra
 *       readings apply to its section teams and its branches alike.</li>
 *   <li>Focus areas are those it names for each sector's team (科级班子 → SECTION) and branches
 *       (党支部 → BRANCH); for non-public enterprises and social organizations it names their Party
 *       organizations without distinction, so both tiers get them (加强基层基础 read as BASIC_WORK).</li>
 *   <li>Research: a report per leading cadre in tier 1, a problem brief or report per cadre in tier 2;
 *       golden ideas are solicited from members (征集), with no number, so nothing is required.</li>
 * </ul>
 */
final class SourceDocumentPlan {

    static final String EXCERPTS = "《习近平关于“不忘初心、牢记使命”重要论述摘编》";
    static final String BRANCH_REGULATIONS = "《中国共产党支部工作条例（试行）》";
    static final String RURAL_REGULATIONS = "《中国共产党农村工作条例》";
    static final String ORGAN_SPEECH = "习近平总书记在中央和国家机关党的建设工作会议上的讲话";
    static final String EDUCATION_DISCOURSES = "《深入学习习近平关于教育的重要论述》";
    static final String SECTOR_SPEECHES = "习近平总书记有关行业领域重要讲话及批示指示精神";

    private static final int TIER_ONE_CONSECUTIVE_DAYS = 5;
    /** 交流一次以上学习体会, 开展一次以上志愿服务: the two items asked for "at least once"; the others once. */
    private static final Set<ChecklistItem> AT_LEAST_ONCE =
            EnumSet.of(ChecklistItem.EXPERIENCE_EXCHANGE, ChecklistItem.VOLUNTEER_SERVICE);

    private SourceDocumentPlan() {
    }

    static GuidancePlan forPeriod(LocalDate startsOn, LocalDate endsOn) {
        List<Requirements> entries = new ArrayList<>(List.of(
                countyLeadership(startsOn, endsOn), sectionTeams(), branches()));
        sector(entries, Sector.TOWNSHIP, List.of(RURAL_REGULATIONS, BRANCH_REGULATIONS),
                areas(POVERTY_ALLEVIATION, POLICY_DELIVERY, SERVING_THE_MASSES, SOCIAL_GOVERNANCE), areas());
        sector(entries, Sector.VILLAGE, List.of(RURAL_REGULATIONS, BRANCH_REGULATIONS),
                areas(), areas(POVERTY_ALLEVIATION, BRANCH_STANDARDIZATION));
        sector(entries, Sector.ORGAN, List.of(ORGAN_SPEECH),
                areas(ORGAN_PARTY_BUILDING, WORK_STYLE_AND_EFFICIENCY),
                areas(SERVING_GRASSROOTS_AND_DEVELOPMENT, SERVING_THE_MASSES, BRANCH_STANDARDIZATION));
        sector(entries, Sector.NON_PUBLIC, List.of(SECTOR_SPEECHES),
                areas(ORGANIZING_POWER, POLITICAL_FUNCTION, TWO_COVERAGES, BASIC_WORK),
                areas(ORGANIZING_POWER, POLITICAL_FUNCTION, TWO_COVERAGES, BASIC_WORK));
        sector(entries, Sector.STATE_OWNED, List.of(SECTOR_SPEECHES),
                areas(NEW_DEVELOPMENT_PHILOSOPHY, TRANSFORMATION_AND_UPGRADING, PARTY_BUILDING),
                areas(BASIC_WORK, LEADING_REFORM_AND_DEVELOPMENT));
        sector(entries, Sector.EDUCATION, List.of(EDUCATION_DISCOURSES),
                areas(EDUCATION_MISSION), areas(TEACHER_ETHICS, TEACHING_MANAGEMENT, PARTY_AFFAIRS));
        sector(entries, Sector.HEALTH, List.of(SECTOR_SPEECHES),
                areas(MEDICAL_ETHICS, QUALITY_OF_SERVICE), areas(WEAK_FOUNDATIONS, PATIENT_SERVICE_GAPS));
        return new GuidancePlan(List.of(), List.of("省委巡视组巡视反馈问题", "营商环境不优问题", "国有资产管理不规范问题"),
                entries);
    }

    /** 县处级: 9 月份连续开展 5 天集中学习研讨; 领题调研并形成调研报告. */
    private static Requirements countyLeadership(LocalDate startsOn, LocalDate endsOn) {
        List<ConsecutiveStudy> september = firstSeptemberHolding(TIER_ONE_CONSECUTIVE_DAYS, startsOn, endsOn).stream()
                .map(month -> new ConsecutiveStudy(month, TIER_ONE_CONSECUTIVE_DAYS)).toList();
        return new Requirements(Tier.COUNTY, null,
                new StudyRequirement(null, null, september, List.of(StudyFormat.CONCENTRATED)),
                List.of(), List.of(),
                List.of(new ResearchDuty(List.of(ResearchKind.RESEARCH_REPORT), ResearchBy.EACH_LEADER, 1)),
                null, List.of(), MemberGuidance.NONE);
    }

    /** 科级: 不少于 6 天, 每月不少于 2 天; 问题和建议类调研信息或调研报告; 1 至 2 项专项整治. */
    private static Requirements sectionTeams() {
        return new Requirements(Tier.SECTION, null,
                new StudyRequirement(6, 2, List.of(), List.of(StudyFormat.CONCENTRATED)),
                List.of(), List.of(),
                List.of(new ResearchDuty(List.of(ResearchKind.PROBLEM_BRIEF, ResearchKind.RESEARCH_REPORT),
                        ResearchBy.EACH_LEADER, 1)),
                new SpecialRectificationDuty(1, 2), List.of(), MemberGuidance.NONE);
    }

    /** 党支部: 三会一课、主题党日、案例教育、送学上门、网络学习; 摘编 + 支部工作条例; 金点子; 十个一. */
    private static Requirements branches() {
        List<ChecklistRequirement> tenOnes = Arrays.stream(ChecklistItem.values())
                .map(item -> new ChecklistRequirement(item, AT_LEAST_ONCE.contains(item)
                        ? ChecklistFrequency.AT_LEAST_ONCE : ChecklistFrequency.ONCE))
                .toList();
        MemberGuidance members = new MemberGuidance(List.of(MemberOccupation.PUBLIC_SERVANT), List.of(
                new MemberOutreach(MemberStatus.MOBILE, List.of(StudyFormat.ONLINE)),
                new MemberOutreach(MemberStatus.ELDERLY_INFIRM, List.of(StudyFormat.DELIVERED_TO_DOOR))));
        return new Requirements(Tier.BRANCH, null,
                new StudyRequirement(null, null, List.of(), List.of(StudyFormat.THREE_MEETINGS_ONE_LESSON,
                        StudyFormat.THEMED_PARTY_DAY, StudyFormat.CASE_TEACHING, StudyFormat.DELIVERED_TO_DOOR,
                        StudyFormat.ONLINE)),
                List.of(EXCERPTS, BRANCH_REGULATIONS), List.of(),
                List.of(new ResearchDuty(List.of(ResearchKind.GOLDEN_IDEA), ResearchBy.MEMBERS, 0)),
                null, tenOnes, members);
    }

    /** A sector's guidance opinion: its extra readings for teams and branches, and each one's focus. */
    private static void sector(List<Requirements> entries, Sector sector, List<String> readings,
                               List<FocusArea> teamFocus, List<FocusArea> branchFocus) {
        entries.add(new Requirements(Tier.SECTION, sector, null, readings, teamFocus, List.of(), null, List.of(), null));
        entries.add(new Requirements(Tier.BRANCH, sector, null, readings, branchFocus, List.of(), null, List.of(), null));
    }

    private static List<FocusArea> areas(FocusArea... areas) {
        return List.of(areas);
    }

    private static Optional<YearMonth> firstSeptemberHolding(int days, LocalDate startsOn, LocalDate endsOn) {
        for (int year = startsOn.getYear(); year <= endsOn.getYear(); year++) {
            YearMonth september = YearMonth.of(year, Month.SEPTEMBER);
            LocalDate first = september.atDay(1).isBefore(startsOn) ? startsOn : september.atDay(1);
            LocalDate last = september.atEndOfMonth().isAfter(endsOn) ? endsOn : september.atEndOfMonth();
            if (!first.isAfter(last) && last.getDayOfMonth() - first.getDayOfMonth() + 1 >= days) {
                return Optional.of(september);
            }
        }
        return Optional.empty();
    }
}
