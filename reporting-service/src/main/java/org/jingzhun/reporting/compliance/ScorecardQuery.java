package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.readmodel.AsOf;
import org.jingzhun.reporting.readmodel.Snapshot;
import org.jingzhun.reporting.compliance.OrganizationRecord.ItemDone;
import org.jingzhun.reporting.compliance.OrganizationRecord.MemberNotes;
import org.jingzhun.reporting.compliance.Scorecard.ChecklistStatus;
import org.jingzhun.reporting.compliance.Scorecard.ConsecutiveRun;
import org.jingzhun.reporting.compliance.Scorecard.MonthOfStudy;
import org.jingzhun.reporting.compliance.Scorecard.ResearchDutyStatus;
import org.jingzhun.reporting.compliance.Scorecard.TakingPart;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** One organization's scorecard in a campaign, read in one snapshot, judged as {@link ComplianceQuery} judges. */
@Component
class ScorecardQuery {

    private final JdbcClient jdbc;
    private final CampaignPlans plans;
    private final ComplianceRecords records;
    private final Snapshot snapshot;
    private final ZoneId county;
    private final Clock clock;

    ScorecardQuery(JdbcClient jdbc, PlatformTransactionManager transactions, JingzhunProperties jingzhun,
                   Clock clock) {
        this.jdbc = jdbc;
        this.plans = new CampaignPlans(jdbc);
        this.records = new ComplianceRecords(jdbc);
        this.snapshot = new Snapshot(transactions, jdbc);
        this.county = jingzhun.timeZone();
        this.clock = clock;
    }

    /**
     * The scorecard of an organization (dissolved ones too) in a campaign.
     *
     * @throws RuleViolation NOT_FOUND for an unknown campaign or organization
     */
    Scorecard scorecard(String organizationId, String campaignId) {
        return scorecard(organizationId, campaignId, AsOf.live());
    }

    /**
     * The scorecard as it stood at an instant (live: now): the organization, plan and records of then.
     *
     * @throws RuleViolation NOT_FOUND for a campaign or organization unknown then
     */
    Scorecard scorecard(String organizationId, String campaignId, AsOf asOf) {
        return snapshot.read(() -> {
            CampaignPlan plan = plans.inForce(campaignId, asOf);
            Organization organization = records.organizations(null, null, organizationId, true, asOf).stream()
                    .findFirst()
                    .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "organization.not-found",
                            "orgId", "No organization " + organizationId));
            OffsetDateTime now = CampaignCalendar.now(clock, county, asOf);
            CampaignCalendar calendar = CampaignCalendar.of(plan.period(), now);
            OrganizationRecord record = records.records(campaignId, List.of(organization), asOf).get(0);
            Requirements requirements = plan.plan().requirementsFor(organization.tier(), organization.sector());
            List<Behind> compliance = new ArrayList<>(ComplianceEvaluator.behind(plan.plan(), record, calendar));
            compliance.sort(Behind.ORDER);
            return new Scorecard(campaignId, now, organization, plan.version(),
                    study(requirements.study(), record, calendar, campaignId, asOf),
                    notes(requirements, record, campaignId, asOf),
                    honorRoom(organizationId, campaignId, asOf),
                    research(requirements, record),
                    checklist(requirements, record),
                    problems(organizationId, campaignId, asOf),
                    specialRectifications(requirements, record, campaignId, asOf),
                    List.copyOf(compliance));
        });
    }

    private Scorecard.Study study(StudyRequirement required, OrganizationRecord record, CampaignCalendar calendar,
                                 String campaignId, AsOf asOf) {
        Map<StudyFormat, Number> daysByFormat = new EnumMap<>(StudyFormat.class);
        for (StudyFormat format : StudyFormat.values()) {
            daysByFormat.put(format, 0L);
        }
        long[] sessions = {0};
        BigDecimal[] sessionDays = {BigDecimal.ZERO};
        jdbc.sql("SELECT format, count(*), sum(days) FROM " + asOf.facts("study_session", "s")
                        + " WHERE organization_id = ? AND campaign_id = ?"
                        + " GROUP BY format")
                .params(record.organization().organizationId(), campaignId)
                .query(rs -> {
                    sessions[0] += rs.getLong(2);
                    sessionDays[0] = sessionDays[0].add(rs.getBigDecimal(3));
                    StudyFormat format = ComplianceRecords.known(StudyFormat.class, rs.getString(1));
                    if (format != null) {
                        daysByFormat.put(format, Behind.number(rs.getBigDecimal(3)));
                    }
                });
        List<StudyFormat> formats = required.formats();
        List<MonthOfStudy> byMonth = new ArrayList<>();
        for (YearMonth month : calendar.months()) {
            calendar.daysOf(month).ifPresent(days -> byMonth.add(new MonthOfStudy(month.toString(),
                    Behind.number(record.study().days(days, formats)), required.perMonthDays(),
                    calendar.isOver(days))));
        }
        List<ConsecutiveRun> consecutive = new ArrayList<>();
        for (ConsecutiveStudy run : required.consecutive()) {
            if (run == null || run.month() == null) {
                continue;
            }
            Optional<DateRange> days = calendar.daysOf(run.month());
            consecutive.add(new ConsecutiveRun(run.month().toString(), run.days(),
                    days.map(range -> record.study().longestRun(range, formats)).orElse(0),
                    days.map(calendar::isOver).orElse(false)));
        }
        return new Scorecard.Study(sessions[0], Behind.number(sessionDays[0]), daysByFormat, formats,
                Behind.number(record.study().days(calendar.campaign(), formats)), required.totalDays(),
                calendar.campaignIsOver(), byMonth, consecutive);
    }

    private Scorecard.Notes notes(Requirements requirements, OrganizationRecord record, String campaignId, AsOf asOf) {
        Map<StudyNoteKind, Long> byKind = zeros(StudyNoteKind.class);
        jdbc.sql("SELECT kind, count(*) FROM " + asOf.facts("study_note", "n")
                        + " WHERE organization_id = ? AND campaign_id = ? GROUP BY kind")
                .params(record.organization().organizationId(), campaignId)
                .query(rs -> {
                    StudyNoteKind kind = ComplianceRecords.known(StudyNoteKind.class, rs.getString(1));
                    if (kind != null) {
                        byKind.put(kind, rs.getLong(2));
                    }
                });
        var occupations = requirements.members().studyNotesRequiredOf().stream().filter(Objects::nonNull).toList();
        int members = 0;
        int withNotes = 0;
        for (var occupation : occupations) {
            MemberNotes notes = record.members().getOrDefault(occupation, new MemberNotes(0, 0));
            members += notes.members();
            withNotes += notes.withNotes();
        }
        long total = byKind.values().stream().mapToLong(Long::longValue).sum();
        return new Scorecard.Notes(total, byKind, occupations, members, withNotes);
    }

    private Scorecard.HonorRoom honorRoom(String organizationId, String campaignId, AsOf asOf) {
        return jdbc.sql("SELECT count(*), coalesce(sum(visitors), 0) FROM " + asOf.facts("honor_room_visit", "v")
                        + " WHERE organization_id = ? AND campaign_id = ?")
                .params(organizationId, campaignId)
                .query((rs, row) -> new Scorecard.HonorRoom(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    private static Scorecard.Research research(Requirements requirements, OrganizationRecord record) {
        Map<ResearchKind, Long> byKind = zeros(ResearchKind.class);
        record.research().forEach((kind, count) -> byKind.put(kind, count.longValue()));
        List<ResearchDutyStatus> duties = requirements.research().stream()
                .filter(Objects::nonNull)
                .map(duty -> new ResearchDutyStatus(duty.kinds(), duty.by(), duty.minimum(), done(duty, record)))
                .toList();
        return new Scorecard.Research(byKind, duties);
    }

    private static long done(ResearchDuty duty, OrganizationRecord record) {
        return duty.kinds().stream().filter(Objects::nonNull)
                .mapToLong(kind -> record.research().getOrDefault(kind, 0)).sum();
    }

    /** Every item the plan asks for here or the organization did, in item order. */
    private static List<ChecklistStatus> checklist(Requirements requirements, OrganizationRecord record) {
        List<ChecklistStatus> items = new ArrayList<>();
        for (ChecklistItem item : ChecklistItem.values()) {
            ChecklistFrequency frequency = requirements.checklistFrequency(item).orElse(null);
            ItemDone done = record.checklist().get(item);
            if (frequency != null || done != null) {
                items.add(new ChecklistStatus(item, frequency, done != null,
                        done == null ? null : done.firstOn(), done == null ? 0 : done.completions()));
            }
        }
        return items;
    }

    private Scorecard.Problems problems(String organizationId, String campaignId, AsOf asOf) {
        Map<ProblemStatus, Long> byStatus = zeros(ProblemStatus.class);
        long[] tally = new long[3]; // rectified, in progress, overdue
        jdbc.sql("SELECT status, overdue, count(*) FROM " + asOf.problem("p") + " WHERE organization_id = ? AND campaign_id = ?"
                        + " GROUP BY status, overdue")
                .params(organizationId, campaignId)
                .query(rs -> {
                    ProblemStatus status = ComplianceRecords.known(ProblemStatus.class, rs.getString(1));
                    long count = rs.getLong(3);
                    if (status == null) {
                        return;
                    }
                    byStatus.merge(status, count, Long::sum);
                    if (status.countsAsRectified()) {
                        tally[0] += count;
                    } else {
                        tally[1] += count;
                        if (rs.getBoolean(2)) {
                            tally[2] += count;
                        }
                    }
                });
        return new Scorecard.Problems(tally[0] + tally[1], tally[0], tally[1], tally[2], byStatus);
    }

    private Scorecard.SpecialRectifications specialRectifications(Requirements requirements, OrganizationRecord record,
                                                                  String campaignId, AsOf asOf) {
        String organizationId = record.organization().organizationId();
        Map<String, Long> problems = new HashMap<>();
        jdbc.sql("SELECT special_rectification_id, count(*) FROM " + asOf.problem("p")
                        + " WHERE organization_id = ? AND campaign_id = ?"
                        + " AND special_rectification_id IS NOT NULL GROUP BY special_rectification_id")
                .params(organizationId, campaignId)
                .query(rs -> {
                    problems.put(rs.getString(1), rs.getLong(2));
                });
        Map<String, TakingPart> launched = new HashMap<>();
        if (!record.specialRectifications().isEmpty()) {
            jdbc.sql("SELECT special_rectification_id, title, organization_id FROM "
                            + asOf.facts("special_rectification", "s")
                            + " WHERE campaign_id = :campaign AND special_rectification_id IN (:ids)")
                    .param("campaign", campaignId)
                    .param("ids", record.specialRectifications())
                    .query(rs -> {
                        String id = rs.getString(1);
                        launched.put(id, new TakingPart(id, rs.getString(2), organizationId.equals(rs.getString(3)),
                                problems.getOrDefault(id, 0L)));
                    });
        }
        List<TakingPart> takingPart = record.specialRectifications().stream()
                .map(id -> launched.getOrDefault(id, new TakingPart(id, null, false, problems.getOrDefault(id, 0L))))
                .sorted(Comparator.comparing(TakingPart::specialRectificationId))
                .toList();
        var duty = requirements.specialRectification();
        return new Scorecard.SpecialRectifications(duty == null ? null : duty.minimum(),
                duty == null ? null : duty.maximum(), takingPart);
    }

    private static <E extends Enum<E>> Map<E, Long> zeros(Class<E> type) {
        Map<E, Long> zeros = new EnumMap<>(type);
        for (E constant : type.getEnumConstants()) {
            zeros.put(constant, 0L);
        }
        return zeros;
    }
}
