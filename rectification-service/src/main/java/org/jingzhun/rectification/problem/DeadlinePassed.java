package org.jingzhun.rectification.problem;

import java.time.Instant;

/**
 * The payload of a scheduled problem deadline, stored (serialized) in {@code scheduled_tasks} until it
 * is due. It names the deadline it was scheduled for: a deadline extended meanwhile makes it stale.
 * Renaming or moving this record strands the deadlines already stored.
 */
record DeadlinePassed(Instant deadline) {
}
