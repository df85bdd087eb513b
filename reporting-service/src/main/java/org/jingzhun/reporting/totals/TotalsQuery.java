package org.jingzhun.reporting.totals;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.AsOf;
import org.jingzhun.reporting.readmodel.Snapshot;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Counts the totals from the read-model tables, now or as of an instant: one set of queries over the rows
 * {@link AsOf} names, so the totals as of a past instant follow the live rules by construction.
 */
@Component
class TotalsQuery {

    /** Matches every campaign when {@code :campaignId} is null (the cast gives PostgreSQL the null's type). */
    private static final String CAMPAIGN = "(CAST(:campaignId AS VARCHAR) IS NULL OR %s = :campaignId)";
    /** Matches every row when {@code :subtreeRoot} is null, else the rows of that subtree. */
    private static final String IN_SUBTREE = ReaderSubtree.sql("organization_id");

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final ZoneId zone;
    private final Clock clock;

    TotalsQuery(JdbcClient jdbc, PlatformTransactionManager transactions, JingzhunProperties jingzhun, Clock clock) {
        this.jdbc = jdbc;
        // One snapshot for all counts: the projector commits meanwhile, and found must stay
        // rectified + inProgress, eventsProjected must match the counts beside it.
        this.snapshot = new Snapshot(transactions, jdbc);
        this.zone = jingzhun.timeZone();
        this.clock = clock;
    }

    /** The live totals of one campaign, or of all campaigns when {@code campaignId} is null. */
    Totals totals(@Nullable String campaignId) {
        return totals(campaignId, AsOf.live());
    }

    /**
     * The totals of one campaign, or of all when {@code campaignId} is null, over the rows of {@code asOf}.
     * {@code asOf} of the answer: the time of the latest event counted; with none, now (live) or the
     * instant asked.
     */
    Totals totals(@Nullable String campaignId, AsOf asOf) {
        return totals(campaignId, asOf, null);
    }

    /**
     * As {@link #totals(String, AsOf)}, over the rows of the subtree under {@code subtreeRoot} (the county when
     * null): a secretary's totals, see {@link ReaderSubtree}.
     */
    Totals totals(@Nullable String campaignId, AsOf asOf, @Nullable String subtreeRoot) {
        return totals(campaignId, asOf, subtreeRoot, subtreeRoot == null);
    }

    /**
     * The county's answer counted from the rows themselves, without the hourly roll-ups: the reference the
     * tests hold the roll-ups to (a secretary's subtree is always counted so).
     */
    Totals countedFromRows(@Nullable String campaignId, AsOf asOf) {
        return totals(campaignId, asOf, null, false);
    }

    /**
     * The live totals as {@link #totals(String, AsOf, String)} counts them, and what {@code beforeCounting}
     * read first in the same snapshot (the version of the tables they were counted from, see
     * {@link LiveTotals}).
     */
    <V> Counted<V> counted(@Nullable String campaignId, @Nullable String subtreeRoot, Supplier<V> beforeCounting) {
        // The count joins this snapshot: arguments are evaluated in order, so beforeCounting reads first.
        return snapshot.read(() -> new Counted<>(beforeCounting.get(), totals(campaignId, AsOf.live(), subtreeRoot)));
    }

    /** Totals and what was read before them in their snapshot. */
    record Counted<V>(V before, Totals totals) {
    }

    private Totals totals(@Nullable String campaignId, AsOf asOf, @Nullable String subtreeRoot, boolean fromRollUps) {
        return snapshot.read(() -> {
            Stats stats = stats(asOf);
            // The county's growing counters, now or as of an instant, come from the hourly roll-ups: a read
            // bounded by hours and groups, whatever the number of events.
            RolledUpCounts.Counts rolledUp = fromRollUps ? RolledUpCounts.read(jdbc, campaignId, asOf) : null;
            OffsetDateTime whenEmpty = OffsetDateTime.ofInstant(asOf.instant().orElseGet(clock::instant), zone);
            return new Totals(campaignId,
                    stats.lastEventAt() == null
                            ? whenEmpty
                            : stats.lastEventAt().atZoneSameInstant(zone).toOffsetDateTime(),
                    stats.eventsProjected(),
                    organizations(asOf, subtreeRoot),
                    rolledUp != null ? rolledUp.members() : members(asOf, subtreeRoot),
                    rolledUp != null ? rolledUp.study() : ChecklistCounts.study(jdbc, campaignId, asOf, subtreeRoot),
                    rolledUp != null ? rolledUp.honorRoom() : honorRoom(campaignId, asOf, subtreeRoot),
                    rolledUp != null ? rolledUp.research() : ChecklistCounts.research(jdbc, campaignId, asOf, subtreeRoot),
                    ChecklistCounts.checklist(jdbc, campaignId, asOf, subtreeRoot),
                    rolledUp != null ? problems(rolledUp, asOf) : problems(campaignId, asOf, subtreeRoot));
        });
    }

    /** The campaigns the read model knows, in id order. */
    List<String> campaignIds() {
        return jdbc.sql("SELECT campaign_id FROM campaign ORDER BY campaign_id").query(String.class).list();
    }

    private record Stats(long eventsProjected, @Nullable OffsetDateTime lastEventAt) {
    }

    /**
     * Live: {@code projection_stats}. As of T: the hours of recorded time before T's hour, plus the instants
     * of T's hour up to T — a read bounded by the number of hours, whatever the number of events.
     */
    private Stats stats(AsOf asOf) {
        if (asOf.isLive()) {
            return jdbc.sql("SELECT events_projected, last_event_at FROM projection_stats WHERE id = 1")
                    .query((rs, row) -> new Stats(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                    .single();
        }
        String hour = "date_bin('1 hour', %s, TIMESTAMPTZ '2000-01-01 00:00:00+00')".formatted(asOf.literal());
        return jdbc.sql("""
                        SELECT coalesce((SELECT sum(events) FROM projected_events_hourly WHERE hour < %2$s), 0)
                             + coalesce((SELECT sum(events) FROM projected_events_at
                                         WHERE recorded_at >= %2$s AND recorded_at <= %1$s), 0),
                               (SELECT max(recorded_at) FROM projected_events_at WHERE recorded_at <= %1$s)"""
                        .formatted(asOf.literal(), hour))
                .query((rs, row) -> new Stats(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                .single();
    }

    // The query callbacks are block lambdas: RowCallbackHandlers; an expression lambda would be ambiguous.

    private Totals.Organizations organizations(AsOf asOf, @Nullable String subtreeRoot) {
        Map<Tier, Long> byTier = EnumCounts.zeros(Tier.class);
        Map<Sector, Long> bySector = EnumCounts.zeros(Sector.class);
        jdbc.sql("SELECT tier, sector, count(*) FROM " + asOf.organization("o")
                        + " WHERE NOT dissolved AND " + IN_SUBTREE + " GROUP BY tier, sector")
                .param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query(rs -> {
                    EnumCounts.add(byTier, Tier.class, rs.getString(1), rs.getLong(3));
                    EnumCounts.add(bySector, Sector.class, rs.getString(2), rs.getLong(3));
                });
        long total = byTier.values().stream().mapToLong(Long::longValue).sum();
        return new Totals.Organizations(total, byTier, bySector);
    }

    private Totals.Members members(AsOf asOf, @Nullable String subtreeRoot) {
        Map<MemberField, Long> byField = EnumCounts.zeros(MemberField.class);
        Map<MemberOccupation, Long> byOccupation = EnumCounts.zeros(MemberOccupation.class);
        Map<MemberStatus, Long> byStatus = EnumCounts.zeros(MemberStatus.class);
        jdbc.sql("SELECT field, occupation, status, count(*) FROM " + asOf.member("m")
                        + " WHERE active AND " + IN_SUBTREE + " GROUP BY field, occupation, status")
                .param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query(rs -> {
                    EnumCounts.add(byField, MemberField.class, rs.getString(1), rs.getLong(4));
                    EnumCounts.add(byOccupation, MemberOccupation.class, rs.getString(2), rs.getLong(4));
                    EnumCounts.add(byStatus, MemberStatus.class, rs.getString(3), rs.getLong(4));
                });
        long total = byField.values().stream().mapToLong(Long::longValue).sum();
        return new Totals.Members(total, byField, byOccupation, byStatus);
    }

    private Totals.HonorRoom honorRoom(@Nullable String campaignId, AsOf asOf, @Nullable String subtreeRoot) {
        return jdbc.sql("SELECT count(DISTINCT organization_id), coalesce(sum(visitors), 0) FROM "
                        + asOf.facts("honor_room_visit", "v")
                        + " WHERE " + CAMPAIGN.formatted("campaign_id") + " AND " + IN_SUBTREE)
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query((rs, row) -> new Totals.HonorRoom(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    private Totals.Problems problems(@Nullable String campaignId, AsOf asOf, @Nullable String subtreeRoot) {
        String problem = asOf.problem("p");
        String inCampaign = " WHERE " + CAMPAIGN.formatted("p.campaign_id") + " AND " + ReaderSubtree.sql("p.organization_id");
        ProblemTally tally = new ProblemTally();
        jdbc.sql("SELECT status, overdue, count(*) FROM " + problem + inCampaign + " GROUP BY status, overdue")
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query(rs -> {
                    tally.status(ProblemStatus.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getLong(3));
                });
        jdbc.sql("SELECT o.tier, o.sector, count(*) FROM " + problem
                        + " JOIN " + asOf.organization("o") + " ON o.organization_id = p.organization_id"
                        + inCampaign + " GROUP BY o.tier, o.sector")
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query(rs -> {
                    tally.place(rs.getString(1), rs.getString(2), rs.getLong(3));
                });
        jdbc.sql("SELECT source, count(*) FROM " + problem + inCampaign + " GROUP BY source")
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query(rs -> {
                    tally.source(rs.getString(1), rs.getLong(2));
                });
        jdbc.sql("SELECT special_rectification_id, count(*) FROM " + problem + inCampaign
                        + " AND special_rectification_id IS NOT NULL GROUP BY special_rectification_id")
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query(rs -> {
                    tally.specialRectification(rs.getString(1), rs.getLong(2));
                });
        return tally.totals();
    }

    /** The problems of {@link RolledUpCounts}, placed by the organizations' tiers and sectors as of then. */
    private Totals.Problems problems(RolledUpCounts.Counts rolledUp, AsOf asOf) {
        Map<String, RolledUpCounts.Place> places = new HashMap<>();
        jdbc.sql("SELECT organization_id, tier, sector FROM " + asOf.organization("o"))
                .query(rs -> {
                    places.put(rs.getString(1), new RolledUpCounts.Place(rs.getString(2), rs.getString(3)));
                });
        return rolledUp.problems(places);
    }
}
