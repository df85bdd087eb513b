/**
 * Campaigns (主题教育), launched for a period of local dates, and their "1+6" guidance plan as data.
 *
 * <p>The {@code Campaign} aggregate owns the plan's versions: launching applies
 * {@code CampaignLaunched} and then {@code GuidancePlanIssued} version 1 (the plan of the launch
 * request, else the source document's, see {@code SourceDocumentPlan}); each
 * {@code PUT /api/campaigns/{id}/plan} issues the next version after {@code PlanValidator} accepted
 * it. Every version stays readable ({@code ?version=N}, {@code /plan/versions}); the highest is in
 * force. {@code /plan/requirements?tier=&sector=} answers the effective requirements of one kind of
 * organization, merged as {@link org.jingzhun.contracts.plan.Requirements#plus} documents.
 */
package org.jingzhun.organization.campaign;
