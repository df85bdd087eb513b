/**
 * The county dashboard (大屏) at {@code /}: the page itself is static ({@code static/index.html}, its
 * scripts and ECharts from a webjar); this package holds the few read-only pieces it needs beyond the
 * totals, compliance and scorecard endpoints of the other features.
 *
 * <ul>
 *   <li>{@code GET /api/dashboard/campaigns}: the campaigns to choose from, latest first;</li>
 *   <li>{@code GET /api/dashboard/organizations}: one sector's or tier's organizations with their figures,
 *       a bounded page at a time (the drill-down);</li>
 *   <li>{@code GET /api/dashboard/breakdowns}: what the totals do not break down — study days by month
 *       against the plan, the "ten ones" by sector and item, problems by status and sector;</li>
 *   <li>{@code GET /api/dashboard/activity}: the events recorded over time and the latest of them;</li>
 *   <li>{@code GET /api/organizations/{orgId}/ledger}: the rectification ledger, forwarded to the
 *       rectification service so that the page reaches it on its own origin with the same credentials.</li>
 * </ul>
 *
 * <p>Everything here reads the tables the totals projection keeps, with plain JDBC; it depends on no other
 * feature's classes (ArchitectureTest), so it may read the same rows in its own way.
 */
package org.jingzhun.reporting.dashboard;
