package org.jingzhun.reporting.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.reporting.CloudEventRecords;
import org.jingzhun.reporting.SourcePlan;

/**
 * A small county in the wire format, as the other services would publish it over a campaign: the
 * campaign and its "1+6" plan, organizations of every tier in several sectors, members, study, notes,
 * honor-room visits, research, the branches' ten ones, and problems in every status. Recorded times
 * (ce_time) run through September and October 2019, so the timeline has a shape.
 */
final class DashboardCounty {

    static final LocalDate STARTS_ON = LocalDate.of(2019, 9, 1);
    static final LocalDate ENDS_ON = LocalDate.of(2019, 11, 30);
    /** The last recorded time of the county; later events come after it. */
    static final OffsetDateTime LAST = OffsetDateTime.parse("2019-10-25T17:30:00+08:00");

    final String campaignId = "campaign-" + UUID.randomUUID();
    final Map<String, String> organizations = new HashMap<>();
    /** A recorded time after the visits and before the first problem: the county as of then has none. */
    final OffsetDateTime beforeProblems;
    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private OffsetDateTime clock = OffsetDateTime.parse("2019-09-01T09:00:00+08:00");

    DashboardCounty() {
        publish(campaignId, new CampaignLaunched(campaignId, "第二批主题教育", STARTS_ON, ENDS_ON));
        publish(campaignId, new GuidancePlanIssued(campaignId, 1, STARTS_ON, ENDS_ON, SourcePlan.sourceDocumentPlan()));

        String committee = organization("县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null);
        String government = organization("县政府党组", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null);
        String xinglong = organization("兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        String meijiang = organization("湄江街道党工委", Tier.SECTION, Sector.TOWNSHIP, null);
        String education = organization("县教育局党组", Tier.SECTION, Sector.EDUCATION, null);
        String hospital = organization("县人民医院党委", Tier.SECTION, Sector.HEALTH, null);
        String finance = organization("县财政局党组", Tier.SECTION, Sector.ORGAN, null);
        String xinglongVillage = organization("兴隆村党支部", Tier.BRANCH, Sector.VILLAGE, xinglong);
        String longfeng = organization("龙凤村党支部", Tier.BRANCH, Sector.VILLAGE, xinglong);
        String school = organization("县第一中学党支部", Tier.BRANCH, Sector.EDUCATION, education);
        String ward = organization("县医院内科党支部", Tier.BRANCH, Sector.HEALTH, hospital);
        String tea = organization("茶业公司党支部", Tier.BRANCH, Sector.NON_PUBLIC, null);
        String investment = organization("县国投公司党支部", Tier.BRANCH, Sector.STATE_OWNED, null);

        List<String> branches = List.of(xinglongVillage, longfeng, school, ward, tea, investment);
        int n = 0;
        for (String branch : branches) {
            for (int i = 0; i < 3 + n; i++) {
                String member = "member-" + UUID.randomUUID();
                publish(member, new MemberEnrolled(member, branch, i % 2 == 0 ? MemberField.RURAL : MemberField.ORGAN_INSTITUTION,
                        i == 0 ? MemberOccupation.PUBLIC_SERVANT : MemberOccupation.NO_POST,
                        i == 2 ? MemberStatus.MOBILE : MemberStatus.REGULAR));
                if (i == 0) {
                    publish(branch, new StudyNoteRecorded(recordId(branch), id(), branch, campaignId, member,
                            StudyNoteKind.REFLECTION, LocalDate.of(2019, 9, 20 + n)));
                }
            }
            n++;
        }

        later(2);
        // County leadership: five consecutive days of concentrated study in September.
        study(committee, LocalDate.of(2019, 9, 9), 5, StudyFormat.CONCENTRATED);
        study(government, LocalDate.of(2019, 9, 16), 3, StudyFormat.CONCENTRATED);
        // Section-level teams: at least two days a month (some fall short).
        study(xinglong, LocalDate.of(2019, 9, 5), 2, StudyFormat.CONCENTRATED);
        study(xinglong, LocalDate.of(2019, 10, 10), 2.5, StudyFormat.CONCENTRATED);
        study(meijiang, LocalDate.of(2019, 9, 12), 1, StudyFormat.CONCENTRATED);
        study(education, LocalDate.of(2019, 9, 18), 2, StudyFormat.CONCENTRATED);
        study(education, LocalDate.of(2019, 10, 15), 2, StudyFormat.CONCENTRATED);
        study(hospital, LocalDate.of(2019, 9, 25), 1.5, StudyFormat.ONLINE);
        study(finance, LocalDate.of(2019, 10, 8), 3, StudyFormat.CONCENTRATED);
        for (String branch : branches) {
            study(branch, LocalDate.of(2019, 9, 26), 0.5, StudyFormat.THREE_MEETINGS_ONE_LESSON);
        }
        study(school, LocalDate.of(2019, 10, 1), 1, StudyFormat.THEMED_PARTY_DAY);

        later(24 * 5);
        visit(xinglong, LocalDate.of(2019, 9, 20), 25);
        visit(xinglongVillage, LocalDate.of(2019, 9, 21), 18);
        visit(school, LocalDate.of(2019, 9, 28), 40);
        visit(ward, LocalDate.of(2019, 10, 12), 12);
        visit(xinglong, LocalDate.of(2019, 10, 18), 30);

        later(24 * 3);
        research(committee, ResearchKind.RESEARCH_REPORT, "关于茶产业发展的调研报告");
        research(government, ResearchKind.RESEARCH_REPORT, "关于营商环境的调研报告");
        research(xinglong, ResearchKind.PROBLEM_BRIEF, "关于易地扶贫搬迁后续扶持的建议");
        research(education, ResearchKind.RESEARCH_REPORT, "关于乡村教师队伍建设的调研");
        research(tea, ResearchKind.GOLDEN_IDEA, "茶园党员示范岗");
        research(xinglongVillage, ResearchKind.GOLDEN_IDEA, "村级议事会");

        later(24 * 4);
        // The ten ones: one village branch has all ten, the others some.
        for (ChecklistItem item : ChecklistItem.values()) {
            completed(xinglongVillage, item);
        }
        completed(xinglongVillage, ChecklistItem.VOLUNTEER_SERVICE);
        for (ChecklistItem item : List.of(ChecklistItem.PLAN, ChecklistItem.DEPLOYMENT, ChecklistItem.STUDY_SERIES,
                ChecklistItem.PARTY_LECTURE)) {
            completed(longfeng, item);
            completed(school, item);
        }
        completed(ward, ChecklistItem.PLAN);
        completed(ward, ChecklistItem.DEPLOYMENT);
        completed(tea, ChecklistItem.PLAN);

        later(24 * 3);
        beforeProblems = clock.plusMinutes(1);
        String business = "special-" + UUID.randomUUID();
        publish(business, new SpecialRectificationLaunched(business, campaignId, "营商环境不优问题专项整治", "全县", finance));
        // Problems in every status.
        String p1 = problem(xinglongVillage, FocusArea.POVERTY_ALLEVIATION, ProblemSource.SELF_INSPECTION, null,
                "易地扶贫搬迁户就业跟踪不到位", "李明", "2019-10-31T18:00:00+08:00");
        String p2 = problem(xinglongVillage, FocusArea.BRANCH_STANDARDIZATION, ProblemSource.SOLICITED_OPINION, null,
                "支部活动阵地标准化建设滞后", "王芳", "2019-11-15T18:00:00+08:00");
        String p3 = problem(finance, FocusArea.WORK_STYLE_AND_EFFICIENCY, ProblemSource.INSPECTION_FEEDBACK, business,
                "审批事项办理时限偏长", "张强", "2019-10-20T18:00:00+08:00");
        String p4 = problem(xinglong, FocusArea.POLICY_DELIVERY, ProblemSource.SUPERVISION, null,
                "惠民政策宣传不到位", "陈刚", "2019-10-25T18:00:00+08:00");
        String p5 = problem(school, FocusArea.TEACHER_ETHICS, ProblemSource.PUBLIC_REPORT, null,
                "个别教师有偿补课", "刘洋", "2019-10-30T18:00:00+08:00");
        String p6 = problem(ward, FocusArea.PATIENT_SERVICE_GAPS, ProblemSource.SOLICITED_OPINION, null,
                "门诊候诊时间过长", "赵敏", "2019-10-10T18:00:00+08:00");
        problem(tea, FocusArea.TWO_COVERAGES, ProblemSource.SELF_INSPECTION, null,
                "流动党员管理不规范", "周杰", "2019-11-20T18:00:00+08:00");
        problem(education, FocusArea.EDUCATION_MISSION, ProblemSource.SELF_INSPECTION, null,
                "思政课质量有待提高", "孙丽", "2019-11-25T18:00:00+08:00");

        later(24 * 2);
        measures(p2, xinglongVillage);
        measures(p1, xinglongVillage);
        rectified(p1, xinglongVillage);
        measures(p3, finance);
        rectified(p3, finance);
        publish(p3, new RectificationVerified(p3, finance, campaignId, "县委组织部", "已销号"));
        rectified(p4, xinglong);
        publish(p4, new RectificationVerified(p4, xinglong, campaignId, "县委组织部", null));
        rectified(p5, school);
        publish(p5, new ProblemReopened(p5, school, campaignId, "整改不彻底"));
        publish(p6, new ProblemOverdue(p6, ward, campaignId, Instant.parse("2019-10-10T10:00:00Z")));
        clock = LAST;
    }

    /** An honor-room visit recorded after everything else, as the live part of a test publishes it. */
    ProducerRecord<String, byte[]> laterVisit(String organizationId, int visitors) {
        clock = clock.plusMinutes(5);
        HonorRoomVisited visit = new HonorRoomVisited(recordId(organizationId), organizationId, campaignId,
                LocalDate.of(2019, 10, 26), visitors);
        return CloudEventRecords.of(organizationId, sequences.merge(organizationId, 1L, Long::sum), visit, clock);
    }

    String organizationId(String name) {
        return organizations.get(name);
    }

    private String organization(String name, Tier tier, Sector sector, String parentId) {
        String id = "org-" + UUID.randomUUID();
        organizations.put(name, id);
        publish(id, new OrganizationRegistered(id, name, tier, sector, parentId));
        return id;
    }

    private void study(String organizationId, LocalDate date, double days, StudyFormat format) {
        publish(organizationId, new StudySessionHeld(recordId(organizationId), id(), organizationId, campaignId, date, days,
                format, List.of("《习近平新时代中国特色社会主义思想学习纲要》"), 12, List.of()));
    }

    private void visit(String organizationId, LocalDate date, int visitors) {
        publish(organizationId, new HonorRoomVisited(recordId(organizationId), organizationId, campaignId, date, visitors));
    }

    private void research(String organizationId, ResearchKind kind, String title) {
        publish(organizationId, new ResearchSubmitted(recordId(organizationId), id(), organizationId, campaignId, kind, title,
                null, clock.toLocalDate()));
    }

    private void completed(String organizationId, ChecklistItem item) {
        publish(organizationId, new ChecklistItemCompleted(recordId(organizationId), id(), organizationId, campaignId, item,
                clock.toLocalDate(), null));
    }

    private String problem(String organizationId, FocusArea focus, ProblemSource source, String special,
                           String description, String owner, String deadline) {
        String problemId = "problem-" + UUID.randomUUID();
        publish(problemId, new ProblemLogged(problemId, organizationId, campaignId, focus, source, special, description,
                owner, OffsetDateTime.parse(deadline).toInstant()));
        return problemId;
    }

    private void measures(String problemId, String organizationId) {
        publish(problemId, new RectificationMeasuresSet(problemId, organizationId, campaignId,
                List.of(new Measure("建立台账，逐项整改", clock.toLocalDate().plusDays(10)))));
    }

    private void rectified(String problemId, String organizationId) {
        publish(problemId, new ProblemRectified(problemId, organizationId, campaignId, "整改材料已归档", List.of()));
    }

    /** The checklist record of an organization: one per organization and campaign, as the checklist service keeps it. */
    private String recordId(String organizationId) {
        return "record-" + organizationId + "-" + campaignId;
    }

    private void publish(String aggregateId, Object event) {
        clock = clock.plusMinutes(37);
        records.add(CloudEventRecords.of(aggregateId, sequences.merge(aggregateId, 1L, Long::sum) - 1, event, clock));
    }

    private void later(int hours) {
        clock = clock.plusHours(hours);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
