/**
 * County-wide totals ({@code GET /api/totals}): the registry of organizations, campaigns and members,
 * honor-room visits, problems and their status, and how many events were applied. {@code TotalsProjection}
 * routes each event to the rows it changes ({@code RegistryRows}, {@code MemberRows}, {@code ActivityRows});
 * {@code TotalsQuery} counts them in one database snapshot.
 * <p>
 * Two views of the same totals live here too, because they are the totals and nothing else: the stream
 * ({@code GET /api/totals/stream}: {@code TotalsCommitSignal} after each committed projector transaction,
 * {@code TotalsBroadcast} coalescing and sending), and the totals as of an instant: the same
 * {@code TotalsQuery} over the rows as they stood then ({@code readmodel.AsOf}), which the projection keeps
 * by recorded time ({@code RowHistory} for the rows that change, {@code recorded_at} on the facts).
 */
package org.jingzhun.reporting.totals;
