/**
 * County-wide totals ({@code GET /api/totals}): the registry of organizations, campaigns and members,
 * honor-room visits, problems and their status, and how many events were applied. {@code TotalsProjection}
 * routes each event to the rows it changes ({@code RegistryRows}, {@code MemberRows}, {@code ActivityRows});
 * {@code TotalsQuery} counts them in one database snapshot.
 */
package org.jingzhun.reporting.totals;
