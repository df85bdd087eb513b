/**
 * County-wide totals ({@code GET /api/totals}): the registry of organizations, campaigns and members,
 * honor-room visits, problems and their status, and how many events were applied. {@code TotalsProjection}
 * routes each event to the rows it changes ({@code RegistryRows}, {@code MemberRows}, {@code ActivityRows});
 * {@code TotalsQuery} counts them in one database snapshot.
 * <p>
 * Two views of the same totals live here too, because they are the totals and nothing else: the stream
 * ({@code GET /api/totals/stream}: {@code TotalsCommitSignal} after each committed projector transaction,
 * {@code TotalsBroadcast} coalescing and sending), and the totals as of an instant ({@code AsOfTotals}:
 * {@code TotalsModel} folded from a {@code TotalsCheckpoints} checkpoint plus the audit trail after it,
 * read by SQL through {@code RecordedEvents}; {@code CheckpointInvalidation} drops checkpoints a late
 * event makes wrong).
 */
package org.jingzhun.reporting.totals;
