package org.jingzhun.platform.relay;

import java.time.Clock;
import java.time.Instant;

/**
 * When the relay's committed position last moved, as seen from this JVM (whichever instance runs the
 * tracker): observed by the safety net every round and by the health check.
 */
class RelayProgress {

    private final Clock clock;
    private long position = Long.MIN_VALUE;
    private Instant movedAt;

    RelayProgress(Clock clock) {
        this.clock = clock;
        this.movedAt = clock.instant();
    }

    synchronized void observe(long current) {
        if (current != position) {
            position = current;
            movedAt = clock.instant();
        }
    }

    /** When the position last changed; the start of this JVM before the first change. */
    synchronized Instant movedAt() {
        return movedAt;
    }
}
