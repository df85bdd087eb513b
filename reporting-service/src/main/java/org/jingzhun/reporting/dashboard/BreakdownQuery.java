package org.jingzhun.reporting.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.AsOf;
import org.jingzhun.reporting.readmodel.Snapshot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** {@link Breakdowns} of a campaign, now or as of an instant ({@link AsOf}), read in one snapshot. */
@Component
class BreakdownQuery {

    /** guidance_plan holds the plan as the event carried it. */
    private static final ObjectMapper EVENT_JSON = EventJson.newMapper();
    private static final BigDecimal ONE_DAY = BigDecimal.ONE;

    private final JdbcClient jdbc;
    private final DashboardQuery dashboard;
    private final Snapshot snapshot;
    private final ZoneId county;
    private final Clock clock;
    private final DashboardSettings settings;

    BreakdownQuery(JdbcClient jdbc, DashboardQuery dashboard, PlatformTransactionManager transactions,
                   JingzhunProperties jingzhun, Clock clock, DashboardSettings settings) {
        this.jdbc = jdbc;
        this.dashboard = dashboard;
        this.snapshot = new Snapshot(transactions, jdbc);
        this.county = jingzhun.timeZone();
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * As the county stood at an instant: its registry, plan, records and problems then, and "due soon"
     * counted from then.
     *
     * @throws org.jingzhun.platform.web.RuleViolation NOT_FOUND for a campaign unknown then
     */
    Breakdowns breakdowns(String campaignId, AsOf asOf) {
        return breakdowns(campaignId, asOf, null);
    }

    /**
     * As {@link #breakdowns(String, AsOf)}, over the organizations of the subtree under {@code root} (the county
     * when null): a secretary's charts, see {@link ReaderSubtree}.
     */
    Breakdowns breakdowns(String campaignId, AsOf asOf, @Nullable String root) {
        return snapshot.read(() -> {
            CampaignSummary campaign = dashboard.campaign(campaignId, asOf);
            OffsetDateTime now = OffsetDateTime.ofInstant(asOf.instant().orElseGet(clock::instant), county);
            Map<ProblemStatus, Long> byStatus = new EnumMap<>(ProblemStatus.class);
            for (ProblemStatus problemStatus : ProblemStatus.values()) {
                byStatus.put(problemStatus, 0L);
            }
            jdbc.sql("SELECT status, count(*) FROM " + asOf.problem("p") + " WHERE campaign_id = ?"
                            + ReaderSubtree.andWithin("p.organization_id", root) + " GROUP BY status")
                    .params(ReaderSubtree.parameters(root, campaignId))
                    .query(rs -> {
                        byStatus.put(ProblemStatus.valueOf(rs.getString(1)), rs.getLong(2));
                    });
            long dueSoon = jdbc.sql("""
                            SELECT count(*) FROM %s WHERE campaign_id = ? AND NOT overdue
                              AND status NOT IN ('RECTIFIED', 'VERIFIED') AND deadline >= ? AND deadline < ?%s"""
                            .formatted(asOf.problem("p"), ReaderSubtree.andWithin("p.organization_id", root)))
                    .params(ReaderSubtree.parameters(root, campaignId, now, now.plus(settings.dueSoon())))
                    .query(Long.class).single();
            return new Breakdowns(campaignId, now, campaign, study(campaign, asOf, root),
                    checklist(campaignId, asOf, root), checklistByItem(campaignId, asOf, root), byStatus,
                    problemsBySector(campaignId, asOf, root), dueSoon,
                    settings.dueSoon().toDays());
        });
    }

    /**
     * Counted study days per tier and month. Only the tier-wide entries of the plan are charted (a sector
     * may refine them; its organizations are then judged by compliance, which knows the refinements).
     */
    private List<Breakdowns.TierStudy> study(CampaignSummary campaign, AsOf asOf, @Nullable String root) {
        Map<Tier, StudyRequirement> requirements = tierWideStudy(campaign.id(), asOf);
        Map<Tier, Long> organizations = new EnumMap<>(Tier.class);
        jdbc.sql("SELECT tier, count(*) FROM " + asOf.organization("o") + " WHERE NOT dissolved"
                        + ReaderSubtree.andWithin("o.organization_id", root) + " GROUP BY tier")
                .params(ReaderSubtree.parameters(root))
                .query(rs -> {
                    organizations.put(Tier.valueOf(rs.getString(1)), rs.getLong(2));
                });
        // (tier, organization, day) → part of the day studied in counted formats, at most one day.
        Map<Tier, Map<String, Map<LocalDate, BigDecimal>>> days = new EnumMap<>(Tier.class);
        jdbc.sql("""
                        SELECT o.tier, d.organization_id, d.day, d.format, d.days
                        FROM %s JOIN %s ON o.organization_id = d.organization_id
                        WHERE d.campaign_id = ? AND NOT o.dissolved AND d.day BETWEEN ? AND ?%s"""
                        .formatted(asOf.facts("study_day", "d"), asOf.organization("o"),
                                ReaderSubtree.andWithin("o.organization_id", root)))
                .params(ReaderSubtree.parameters(root, campaign.id(), campaign.startsOn(), campaign.endsOn()))
                .query(rs -> {
                    Tier tier = Tier.valueOf(rs.getString(1));
                    List<StudyFormat> counted = formats(requirements.get(tier));
                    StudyFormat format = StudyFormat.valueOf(rs.getString(4));
                    if (!counted.isEmpty() && !counted.contains(format)) {
                        return;
                    }
                    days.computeIfAbsent(tier, t -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), o -> new HashMap<>())
                            .merge(rs.getObject(3, LocalDate.class), rs.getBigDecimal(5),
                                    (a, b) -> a.add(b).min(ONE_DAY));
                });
        List<Breakdowns.TierStudy> study = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            StudyRequirement requirement = requirements.get(tier);
            Integer required = requirement == null ? null : requirement.perMonthDays();
            long tierOrganizations = organizations.getOrDefault(tier, 0L);
            // month → organization → counted days
            Map<YearMonth, Map<String, BigDecimal>> byMonth = new LinkedHashMap<>();
            days.getOrDefault(tier, Map.of()).forEach((organization, covered) -> covered.forEach((day, part) ->
                    byMonth.computeIfAbsent(YearMonth.from(day), m -> new HashMap<>()).merge(organization, part, BigDecimal::add)));
            for (YearMonth month = YearMonth.from(campaign.startsOn()); !month.isAfter(YearMonth.from(campaign.endsOn()));
                 month = month.plusMonths(1)) {
                Map<String, BigDecimal> perOrganization = byMonth.getOrDefault(month, Map.of());
                BigDecimal total = perOrganization.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                long meeting = required == null ? perOrganization.size() : perOrganization.values().stream()
                        .filter(d -> d.compareTo(BigDecimal.valueOf(required)) >= 0).count();
                BigDecimal average = tierOrganizations == 0 ? BigDecimal.ZERO
                        : total.divide(BigDecimal.valueOf(tierOrganizations), 2, RoundingMode.HALF_UP);
                study.add(new Breakdowns.TierStudy(tier, month.toString(), formats(requirement), required,
                        tierOrganizations, perOrganization.size(), meeting, DashboardQuery.stripped(total),
                        DashboardQuery.stripped(average)));
            }
        }
        return study;
    }

    private static List<StudyFormat> formats(StudyRequirement requirement) {
        return requirement == null ? List.of() : requirement.formats();
    }

    /** The study requirement of each tier's tier-wide entry in the latest plan; none without a plan. */
    private Map<Tier, StudyRequirement> tierWideStudy(String campaignId, AsOf asOf) {
        Optional<String> json = jdbc.sql("""
                        SELECT CAST(plan AS TEXT) FROM %s WHERE campaign_id = ?
                        ORDER BY version DESC LIMIT 1""".formatted(asOf.facts("guidance_plan", "g")))
                .param(campaignId).query(String.class).optional();
        Map<Tier, StudyRequirement> study = new EnumMap<>(Tier.class);
        if (json.isEmpty()) {
            return study;
        }
        GuidancePlan plan;
        try {
            plan = EVENT_JSON.readValue(json.get(), GuidancePlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("guidance_plan holds a plan that is not a GuidancePlan", e);
        }
        for (Requirements requirements : plan.requirements()) {
            if (requirements.sector() == null && requirements.study() != null) {
                study.put(requirements.tier(), requirements.study());
            }
        }
        return study;
    }

    /** Active branches per sector, every sector present. */
    private List<Breakdowns.SectorChecklist> checklist(String campaignId, AsOf asOf, @Nullable String root) {
        int items = ChecklistItem.values().length;
        Map<Sector, Breakdowns.SectorChecklist> bySector = new EnumMap<>(Sector.class);
        for (Sector sector : Sector.values()) {
            bySector.put(sector, new Breakdowns.SectorChecklist(sector, 0, 0, 0, 0));
        }
        jdbc.sql("""
                        SELECT o.sector, count(*), coalesce(sum(d.items), 0), count(*) FILTER (WHERE d.items = ?)
                        FROM %s
                        LEFT JOIN (SELECT organization_id, count(DISTINCT item) AS items FROM %s
                                   WHERE campaign_id = ? GROUP BY organization_id) d ON d.organization_id = o.organization_id
                        WHERE o.tier = 'BRANCH' AND NOT o.dissolved%s
                        GROUP BY o.sector""".formatted(asOf.organization("o"), asOf.facts("checklist_completion", "c"),
                        ReaderSubtree.andWithin("o.organization_id", root)))
                .params(ReaderSubtree.parameters(root, items, campaignId))
                .query(rs -> {
                    Sector sector = Sector.valueOf(rs.getString(1));
                    long branches = rs.getLong(2);
                    bySector.put(sector, new Breakdowns.SectorChecklist(sector, branches, rs.getLong(3),
                            branches * items, rs.getLong(4)));
                });
        return List.copyOf(bySector.values());
    }

    private Map<ChecklistItem, Long> checklistByItem(String campaignId, AsOf asOf, @Nullable String root) {
        Map<ChecklistItem, Long> byItem = new EnumMap<>(ChecklistItem.class);
        for (ChecklistItem item : ChecklistItem.values()) {
            byItem.put(item, 0L);
        }
        jdbc.sql("""
                        SELECT c.item, count(DISTINCT c.organization_id) FROM %s
                        JOIN %s ON o.organization_id = c.organization_id
                        WHERE c.campaign_id = ? AND o.tier = 'BRANCH' AND NOT o.dissolved%s
                        GROUP BY c.item""".formatted(asOf.facts("checklist_completion", "c"), asOf.organization("o"),
                        ReaderSubtree.andWithin("o.organization_id", root)))
                .params(ReaderSubtree.parameters(root, campaignId))
                .query(rs -> {
                    byItem.put(ChecklistItem.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return byItem;
    }

    /** Every sector present, with every status. */
    private List<Breakdowns.SectorProblems> problemsBySector(String campaignId, AsOf asOf, @Nullable String root) {
        Map<Sector, Map<ProblemStatus, Long>> counts = new EnumMap<>(Sector.class);
        Map<Sector, Long> overdue = new EnumMap<>(Sector.class);
        for (Sector sector : Sector.values()) {
            Map<ProblemStatus, Long> byStatus = new EnumMap<>(ProblemStatus.class);
            for (ProblemStatus status : ProblemStatus.values()) {
                byStatus.put(status, 0L);
            }
            counts.put(sector, byStatus);
            overdue.put(sector, 0L);
        }
        jdbc.sql("""
                        SELECT o.sector, p.status, count(*),
                               count(*) FILTER (WHERE p.overdue AND p.status NOT IN ('RECTIFIED', 'VERIFIED'))
                        FROM %s JOIN %s ON o.organization_id = p.organization_id
                        WHERE p.campaign_id = ?%s
                        GROUP BY o.sector, p.status""".formatted(asOf.problem("p"), asOf.organization("o"),
                        ReaderSubtree.andWithin("p.organization_id", root)))
                .params(ReaderSubtree.parameters(root, campaignId))
                .query(rs -> {
                    Sector sector = Sector.valueOf(rs.getString(1));
                    counts.get(sector).put(ProblemStatus.valueOf(rs.getString(2)), rs.getLong(3));
                    overdue.merge(sector, rs.getLong(4), Long::sum);
                });
        List<Breakdowns.SectorProblems> bySector = new ArrayList<>();
        counts.forEach((sector, byStatus) -> {
            long found = byStatus.values().stream().mapToLong(Long::longValue).sum();
            long rectified = byStatus.entrySet().stream().filter(e -> e.getKey().countsAsRectified())
                    .mapToLong(Map.Entry::getValue).sum();
            bySector.add(new Breakdowns.SectorProblems(sector, byStatus, found, rectified, overdue.get(sector)));
        });
        return bySector;
    }
}
