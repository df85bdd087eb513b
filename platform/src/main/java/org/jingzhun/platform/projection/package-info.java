/**
 * The transactional projector: consumes event topics and updates PostgreSQL read models, storing
 * each partition's next offset in the same transaction (exactly-once projection, offsets only moving
 * forward), seeking to the stored offsets on assignment and after a failed transaction, ignoring event
 * ids already applied, applying each read model in a savepoint of its own, and parking what it cannot
 * apply as a dead letter ({@code <topic>.dlt} and {@code projector_dead_letter}, re-drivable) so the
 * partition keeps flowing. {@link org.jingzhun.platform.projection.ProjectionWriter} is that apply and
 * offset code, shared with rebuilds; a generation fence keeps several instances safe across a rebuild's
 * swap of the tables.
 */
package org.jingzhun.platform.projection;
