/**
 * County-wide totals ({@code GET /api/totals}): the registry of organizations and campaigns, honor-room
 * visits, problems and their status, and how many events were applied — projected by
 * {@code TotalsProjection}, counted by {@code TotalsQuery} in one database snapshot.
 */
package org.jingzhun.reporting.totals;
