/**
 * The "1+6" guidance plan (1 个总实施方案 + 6 个分类指导意见) as data: what each tier and sector must
 * do in a campaign. The organization service issues it in
 * {@link org.jingzhun.contracts.organization.GuidancePlanIssued} events, one per version; every other
 * service keeps the latest version and evaluates compliance from it.
 *
 * <p>Reading a plan: call {@link org.jingzhun.contracts.plan.GuidancePlan#requirementsFor} with an
 * organization's tier and sector. It merges the tier-wide entry with the entry for that tier and
 * sector (the merge rule is documented on {@link org.jingzhun.contracts.plan.Requirements#plus}), so
 * an evaluator never needs an {@code if (tier == …)} of its own.
 *
 * <p>Conventions of every type here: lists are never {@code null} (an absent list reads as empty) and
 * are unmodifiable; a {@code null} number means "no requirement stated".
 */
package org.jingzhun.contracts.plan;
