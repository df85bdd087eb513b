/**
 * The relay: the event store is the outbox. A tracking event processor ({@link
 * org.jingzhun.platform.relay.KafkaRelay}) sends every stored public event to the service's Kafka topic
 * and lets its token advance only after the broker acknowledged every send of the batch. A crash means
 * re-sending (at-least-once), never losing.
 *
 * <h2>Completeness without trusting Axon's gap heuristics</h2>
 * Axon's JDBC engine gives up waiting for a hole in the global index when the next event it reads is
 * older than {@code gapTimeout}, when a timed-out gap is found while cleaning, or when the token is
 * {@code maxGapOffset} past it; a transaction stalled between insert and commit (GC pause, lock wait,
 * SIGSTOP) would then lose its events from Kafka for good. We keep Axon's tracker (its latency and
 * ordering are good) and add an exact check behind it, the <em>safety net</em>:
 * <ul>
 *   <li>the relay writes a {@code relay_log(global_index)} row for every event it handles, in the unit
 *       of work that stores its token: the log and the token commit together;</li>
 *   <li>{@link org.jingzhun.platform.relay.RelaySafetyNet} notes the head {@code M} and
 *       {@code X = pg_snapshot_xmax(pg_current_snapshot())} in one snapshot. A global index is drawn by a
 *       transaction that already holds its transaction id (the column default of migration V1_4_1), so
 *       every transaction that could own an index up to {@code M} has an id below {@code X}. Once a later
 *       snapshot's {@code xmin} reaches {@code X}, all of them have ended, and every row up to {@code M}
 *       that will ever exist is visible;</li>
 *   <li>then a visible row up to {@code M} and up to the relay's committed position, outside the
 *       token's gaps, and missing from {@code relay_log} was skipped by the tracker and will never be
 *       delivered by it: the net sends it (same record, same headers, same producer), logs a WARN line
 *       and counts {@code jingzhun.relay.recovered}, records it, and moves the watermark in
 *       {@code relay_watermark} up (pruning {@code relay_log} below it).</li>
 * </ul>
 * Why this design rather than reading only rows below the snapshot's {@code xmin} (an {@code xid8}
 * column): that would replace Axon's event reader and still leave Axon's token cleaning in charge of
 * gaps; the net needs no change to Axon, is exact whatever order transaction ids and global indexes are
 * drawn in, and costs one insert per event plus a small indexed anti-join every few seconds.
 * <p>No event is sent by both paths: the net only sends what the committed token passed for good, and
 * the tracker only delivers indexes above its committed position or in its gaps. Nets of several
 * instances are serialized by a {@code FOR UPDATE} lock on the watermark row. A recovered event may
 * reach Kafka after a later event of the same aggregate ({@code jingzhun_sequence} tells consumers).
 * A transaction left open anywhere in the PostgreSQL cluster delays the net's next sweep (never its
 * exactness) until it ends.
 *
 * <h2>Events that can never be sent</h2>
 * Before sending, the relay sizes each record (key, value, headers) as the producer does; above the
 * producer's {@code max.request.size}, not serializable, or refused by the broker as too large, the
 * event is <em>parked</em> ({@code relay_parked}, metric {@code jingzhun.relay.parked}, an ERROR line),
 * recorded as handled, and skipped so later events flow. {@link
 * org.jingzhun.platform.relay.RelayHealthIndicator} is DOWN until an operator re-sends it after a fix
 * or acknowledges it ({@code /api/admin/relay/parked}); it is also DOWN when events are pending and the
 * relay has not moved for {@code jingzhun.relay.stuck-after}, or after repeated failed batches.
 */
package org.jingzhun.platform.relay;
