/**
 * The transactional projector: consumes event topics and updates PostgreSQL read models, storing
 * each partition's next offset in the same transaction (exactly-once projection), seeking to the
 * stored offsets on assignment and after a failed transaction, ignoring event ids already applied,
 * and sending poison records to {@code <topic>.dlt} with the reason so the partition keeps flowing.
 */
package org.jingzhun.platform.projection;
