/**
 * Who is behind the guidance plan, and why ({@code GET /api/compliance}), and one organization's whole
 * picture ({@code GET /api/organizations/{orgId}/scorecard}).
 *
 * <p>Nothing here knows a tier's numbers: {@code CampaignPlans} reads the campaign's latest plan from the
 * {@code guidance_plan} table, {@code GuidancePlan.requirementsFor(tier, sector)} says what an
 * organization owes, and one small policy per requirement kind ({@code ConsecutiveStudyPolicy},
 * {@code TotalStudyDaysPolicy}, {@code MonthlyStudyDaysPolicy}, {@code StudyNotesPolicy},
 * {@code ChecklistPolicy}, {@code ResearchPolicy}, {@code SpecialRectificationPolicy}) compares that with
 * what the organization has done ({@code OrganizationRecord}, loaded by {@code ComplianceRecords} from the
 * tables the totals projection keeps).
 *
 * <p>When something is judged ({@code CampaignCalendar}): a period counts once it is over, i.e. its last
 * day, cut to the campaign's end, is before today in the county's zone. A month is judged from the
 * first day of the next month, the campaign as a whole (total days, notes, checklist, research, special
 * rectifications) from the day after its end. On a period's last day it is not judged yet: that day's
 * study may still be recorded.
 */
package org.jingzhun.reporting.compliance;
