package org.jingzhun.reporting.dashboard;

import java.math.BigDecimal;
import java.util.List;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/**
 * One page of the drill-down list: active organizations of a sector and/or tier, with their figures in the
 * campaign, ordered by tier (县处级, 科级, 党支部), then name.
 *
 * @param total how many organizations match, over all pages
 */
record OrganizationPage(String campaignId, int page, int size, long total, List<Row> organizations) {

    /**
     * @param studyDays          days of study recorded in the campaign, every format (as the totals count them)
     * @param checklistItemsDone distinct "ten ones" items done at least once
     */
    record Row(String organizationId, String name, Tier tier, Sector sector, String parentId, long members,
               long studySessions, BigDecimal studyDays, long personVisits, long checklistItemsDone,
               long problemsFound, long problemsRectified, long problemsOverdue) {
    }
}
