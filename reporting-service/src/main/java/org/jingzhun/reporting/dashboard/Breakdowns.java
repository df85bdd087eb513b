package org.jingzhun.reporting.dashboard;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.springframework.lang.Nullable;

/**
 * What the board charts beyond the totals, for one campaign, now (the read models hold only the present;
 * {@code GET /api/totals?asOf=} is the history). Every enumeration key is present, 0 when nothing happened.
 *
 * @param asOf          when it was read, in the county's zone
 * @param study         one entry per tier and month of the campaign
 * @param checklist     the "ten ones" of active branches, one entry per sector
 * @param checklistByItem active branches that did each item at least once
 * @param problemsDueSoon problems not rectified, not flagged overdue, whose deadline is within {@code dueSoonDays}
 */
record Breakdowns(String campaignId, OffsetDateTime asOf, CampaignSummary campaign, List<TierStudy> study,
                  List<SectorChecklist> checklist, Map<ChecklistItem, Long> checklistByItem,
                  Map<ProblemStatus, Long> problemsByStatus, List<SectorProblems> problemsBySector,
                  long problemsDueSoon, long dueSoonDays) {

    /**
     * Study of one tier's active organizations in one month, in the formats the plan counts for the tier
     * (its tier-wide entry; every format when it names none), a calendar day at most once per organization.
     *
     * @param required     the plan's tier-wide minimum days per month, {@code null} when it states none
     * @param organizations the tier's active organizations
     * @param studied      those with any counted study in the month
     * @param meeting      those with at least {@code required} days ({@code studied} when none is required)
     * @param daysPerOrganization counted days over all the tier's organizations, averaged (2 decimals)
     */
    record TierStudy(Tier tier, String month, List<StudyFormat> countedFormats, @Nullable Integer required,
                     long organizations, long studied, long meeting, BigDecimal days,
                     BigDecimal daysPerOrganization) {
    }

    /** {@code itemsPossible} = branches × the ten items; {@code itemsCompleted} (branch, item) pairs done. */
    record SectorChecklist(Sector sector, long branches, long itemsCompleted, long itemsPossible,
                           long branchesComplete) {
    }

    /** Problems of the campaign by the current sector of their organization (unknown organizations left out). */
    record SectorProblems(Sector sector, Map<ProblemStatus, Long> byStatus, long found, long rectified,
                          long overdue) {
    }
}
