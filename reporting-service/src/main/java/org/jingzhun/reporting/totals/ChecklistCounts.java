package org.jingzhun.reporting.totals;

import java.util.Map;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.AsOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;

/**
 * The study, research and checklist counters of the totals, read from {@link ChecklistRows}' tables.
 * Called by {@link TotalsQuery} inside its snapshot transaction.
 */
final class ChecklistCounts {

    /** Matches every campaign when {@code :campaignId} is null, as in {@link TotalsQuery}. */
    private static final String IN_CAMPAIGN = " WHERE (CAST(:campaignId AS VARCHAR) IS NULL OR campaign_id = :campaignId)"
            + " AND " + ReaderSubtree.sql("organization_id");

    private ChecklistCounts() {
    }

    /** Sessions held, their days summed (half days included), and study notes recorded. */
    static Totals.Study study(JdbcClient jdbc, @Nullable String campaignId, AsOf asOf, @Nullable String subtreeRoot) {
        long notes = jdbc.sql("SELECT count(*) FROM " + asOf.facts("study_note", "n") + IN_CAMPAIGN)
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot).query(Long.class).single();
        return jdbc.sql("SELECT count(*), coalesce(sum(days), 0) FROM " + asOf.facts("study_session", "s") + IN_CAMPAIGN)
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query((rs, row) -> new Totals.Study(rs.getLong(1), rs.getBigDecimal(2).doubleValue(), notes))
                .single();
    }

    /** Research filed, by kind; every kind present. */
    static Map<ResearchKind, Long> research(JdbcClient jdbc, @Nullable String campaignId, AsOf asOf, @Nullable String subtreeRoot) {
        Map<ResearchKind, Long> byKind = EnumCounts.zeros(ResearchKind.class);
        jdbc.sql("SELECT kind, count(*) FROM " + asOf.facts("research", "r") + IN_CAMPAIGN + " GROUP BY kind")
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot)
                .query(rs -> {
                    EnumCounts.add(byKind, ResearchKind.class, rs.getString(1), rs.getLong(2));
                });
        return byKind;
    }

    /**
     * {@code itemsCompleted}: (branch, item) pairs done at least once; {@code completions}: every
     * completion, repeats included; {@code branchesComplete}: branches with every item of the ten done.
     * Per campaign when one is given; over all campaigns a branch counts once per campaign it completed.
     */
    static Totals.Checklist checklist(JdbcClient jdbc, @Nullable String campaignId, AsOf asOf, @Nullable String subtreeRoot) {
        return jdbc.sql(("""
                        WITH done AS (
                            SELECT campaign_id, organization_id, item, count(*) AS times
                            FROM %s
                            WHERE (CAST(:campaignId AS VARCHAR) IS NULL OR campaign_id = :campaignId)
                              AND %s
                            GROUP BY campaign_id, organization_id, item),
                        branches AS (
                            SELECT campaign_id, organization_id, count(*) AS items
                            FROM done GROUP BY campaign_id, organization_id)
                        SELECT (SELECT count(*) FROM done),
                               (SELECT coalesce(sum(times), 0) FROM done),
                               (SELECT count(*) FROM branches WHERE items = :allItems)""")
                        .formatted(asOf.facts("checklist_completion", "c"), ReaderSubtree.sql("organization_id")))
                .param("campaignId", campaignId).param(ReaderSubtree.PARAMETER, subtreeRoot)
                .param("allItems", ChecklistItem.values().length)
                .query((rs, row) -> new Totals.Checklist(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }
}
