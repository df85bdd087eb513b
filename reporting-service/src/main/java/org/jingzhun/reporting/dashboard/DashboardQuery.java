package org.jingzhun.reporting.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.AsOf;
import org.jingzhun.reporting.readmodel.Snapshot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** Campaigns to choose from and the drill-down list of organizations, from the totals' tables. */
@Component
class DashboardQuery {

    /** Tiers in the order the county lists them: 县处级, 科级, 党支部. */
    static final String TIER_ORDER = "CASE o.tier WHEN 'COUNTY' THEN 1 WHEN 'SECTION' THEN 2 ELSE 3 END";
    private static final String IN_SUBTREE = ReaderSubtree.sql("o.organization_id");

    private final JdbcClient jdbc;
    private final Snapshot snapshot;

    DashboardQuery(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new Snapshot(transactions, jdbc);
    }

    /** Latest first: the board opens on the campaign that started last. */
    List<CampaignSummary> campaigns() {
        return jdbc.sql("SELECT campaign_id, name, starts_on, ends_on FROM campaign ORDER BY starts_on DESC, name, campaign_id")
                .query((rs, row) -> new CampaignSummary(rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)))
                .list();
    }

    /**
     * A campaign from {@code campaign}, else from its plan (the plan may be projected first: another key).
     *
     * @throws RuleViolation NOT_FOUND when neither is known
     */
    CampaignSummary campaign(String campaignId) {
        return campaign(campaignId, AsOf.live());
    }

    /** The campaign as known at an instant ({@link #campaign(String)}). */
    CampaignSummary campaign(String campaignId, AsOf asOf) {
        Optional<CampaignSummary> launched = jdbc.sql("SELECT campaign_id, name, starts_on, ends_on FROM "
                        + asOf.facts("campaign", "c") + " WHERE campaign_id = ?")
                .param(campaignId)
                .query((rs, row) -> new CampaignSummary(rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)))
                .optional();
        return launched.or(() -> jdbc.sql("""
                                SELECT starts_on, ends_on FROM %s WHERE campaign_id = ?
                                ORDER BY version DESC LIMIT 1""".formatted(asOf.facts("guidance_plan", "g")))
                        .param(campaignId)
                        .query((rs, row) -> new CampaignSummary(campaignId, campaignId,
                                rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)))
                        .optional())
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "campaign.not-found", "campaignId",
                        "No campaign " + campaignId));
    }

    /**
     * Active organizations of the sector and tier (null = any) whose name contains {@code name}, with their
     * figures in the campaign, as the county stood at {@code asOf}; one page, all of it read in one snapshot.
     */
    OrganizationPage organizations(String campaignId, @Nullable Tier tier, @Nullable Sector sector,
                                   @Nullable String name, int page, int size, AsOf asOf) {
        return organizations(campaignId, tier, sector, name, page, size, asOf, null);
    }

    /**
     * The page as the county stood at an instant: organizations, members and figures of then; within the subtree
     * under {@code subtreeRoot} ({@code null}: the county), see {@link ReaderSubtree}.
     */
    OrganizationPage organizations(String campaignId, @Nullable Tier tier, @Nullable Sector sector,
                                   @Nullable String name, int page, int size, AsOf asOf,
                                   @Nullable String subtreeRoot) {
        String tierValue = tier == null ? null : tier.name();
        String sectorValue = sector == null ? null : sector.name();
        String pattern = name == null ? null : "%" + likeEscaped(name) + "%";
        return snapshot.read(() -> {
            long total = jdbc.sql("""
                            SELECT count(*) FROM %s
                            WHERE NOT o.dissolved
                              AND (CAST(:tier AS TEXT) IS NULL OR o.tier = :tier)
                              AND (CAST(:sector AS TEXT) IS NULL OR o.sector = :sector)
                              AND (CAST(:name AS TEXT) IS NULL OR o.name ILIKE :name)
                              AND %s""".formatted(asOf.organization("o"), IN_SUBTREE))
                    .param("tier", tierValue).param("sector", sectorValue).param("name", pattern)
                    .param(ReaderSubtree.PARAMETER, subtreeRoot)
                    .query(Long.class).single();
            // Each figure is grouped once per table, for the page's organizations only.
            List<OrganizationPage.Row> rows = jdbc.sql("""
                            WITH page AS (
                                SELECT o.organization_id, o.name, o.tier, o.sector, o.parent_id,
                                       %1$s AS tier_order FROM %2$s
                                WHERE NOT o.dissolved
                                  AND (CAST(:tier AS TEXT) IS NULL OR o.tier = :tier)
                                  AND (CAST(:sector AS TEXT) IS NULL OR o.sector = :sector)
                                  AND (CAST(:name AS TEXT) IS NULL OR o.name ILIKE :name)
                                  AND %8$s
                                ORDER BY tier_order, o.name, o.organization_id
                                LIMIT :size OFFSET :offset)
                            SELECT p.organization_id, p.name, p.tier, p.sector, p.parent_id,
                                   coalesce(m.members, 0), coalesce(s.sessions, 0), coalesce(s.days, 0),
                                   coalesce(v.visitors, 0), coalesce(c.items, 0),
                                   coalesce(pr.found, 0), coalesce(pr.rectified, 0), coalesce(pr.overdue, 0)
                            FROM page p
                            LEFT JOIN (SELECT organization_id, count(*) AS members FROM %3$s
                                       WHERE active AND organization_id IN (SELECT organization_id FROM page)
                                       GROUP BY organization_id) m ON m.organization_id = p.organization_id
                            LEFT JOIN (SELECT organization_id, count(DISTINCT session_id) AS sessions, sum(days) AS days
                                       FROM %4$s WHERE campaign_id = :campaign
                                         AND organization_id IN (SELECT organization_id FROM page)
                                       GROUP BY organization_id) s ON s.organization_id = p.organization_id
                            LEFT JOIN (SELECT organization_id, sum(visitors) AS visitors FROM %5$s
                                       WHERE campaign_id = :campaign AND organization_id IN (SELECT organization_id FROM page)
                                       GROUP BY organization_id) v ON v.organization_id = p.organization_id
                            LEFT JOIN (SELECT organization_id, count(DISTINCT item) AS items FROM %6$s
                                       WHERE campaign_id = :campaign AND organization_id IN (SELECT organization_id FROM page)
                                       GROUP BY organization_id) c ON c.organization_id = p.organization_id
                            LEFT JOIN (SELECT organization_id, count(*) AS found,
                                              count(*) FILTER (WHERE status IN ('RECTIFIED', 'VERIFIED')) AS rectified,
                                              count(*) FILTER (WHERE overdue AND status NOT IN ('RECTIFIED', 'VERIFIED')) AS overdue
                                       FROM %7$s WHERE campaign_id = :campaign
                                         AND organization_id IN (SELECT organization_id FROM page)
                                       GROUP BY organization_id) pr ON pr.organization_id = p.organization_id
                            ORDER BY p.tier_order, p.name, p.organization_id""".formatted(TIER_ORDER,
                            asOf.organization("o"), asOf.member("m"), asOf.facts("study_day", "d"),
                            asOf.facts("honor_room_visit", "v"), asOf.facts("checklist_completion", "c"),
                            asOf.problem("pr"), IN_SUBTREE))
                    .param("tier", tierValue).param("sector", sectorValue).param("name", pattern)
                    .param(ReaderSubtree.PARAMETER, subtreeRoot)
                    .param("campaign", campaignId).param("size", size).param("offset", (long) page * size)
                    .query((rs, row) -> new OrganizationPage.Row(rs.getString(1), rs.getString(2),
                            Tier.valueOf(rs.getString(3)), Sector.valueOf(rs.getString(4)), rs.getString(5),
                            rs.getLong(6), rs.getLong(7), stripped(rs.getBigDecimal(8)), rs.getLong(9), rs.getLong(10),
                            rs.getLong(11), rs.getLong(12), rs.getLong(13)))
                    .list();
            return new OrganizationPage(campaignId, page, size, total, rows);
        });
    }

    /** 3.0 → 3, 1.5 → 1.5: days as the page prints them. */
    static BigDecimal stripped(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A name typed into the search box is text, not a LIKE pattern. */
    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
