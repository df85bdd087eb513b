package org.jingzhun.platform.inbox;

import java.util.function.IntConsumer;

/**
 * Records a sequence of CloudEvents in as few transactions as the rules allow. A CloudEvent refused inside
 * a transaction (a rule of the domain) cannot be undone alone: Axon rolls back the whole connection when a
 * command fails, savepoints included. So the transaction is rolled back, the events before the refused one
 * are recorded again in a transaction of their own, the refused one is answered (or dead-lettered) alone,
 * and the rest goes on in the next transaction: each event is tried at most twice (again only if a later
 * one of its group was refused), and every commit holds facts that agree with the answers given.
 *
 * <p>A group is first tried with its routes' commands sharing units of work where the routes allow it
 * ({@link InboxRoute#sharesUnitOfWork()}); a failure that cannot be pinned on one event then
 * ({@link Unattributed}: a conflict found only when the shared unit appends its events) sends the same group
 * once more with one unit of work per command, where each failure is its own command's, and so the rest of the
 * sequence.
 */
final class GroupCommit {

    /**
     * Records {@code [from, limit)} in one transaction: -1 when it committed, or the index of the event refused
     * inside it (then nothing was committed).
     */
    @FunctionalInterface
    interface Attempt {
        /**
         * @param shareUnitOfWork whether the commands of routes that allow it may share a unit of work
         *                        (false: one per command)
         * @throws Unattributed a failure of the shared units that no single event can be named for: nothing
         *                      was committed, try again without sharing
         */
        int commit(int from, int limit, boolean shareUnitOfWork);
    }

    private GroupCommit() {
    }

    /**
     * Records the events {@code 0 … size-1} in order.
     *
     * @param attempt records a range in one transaction
     * @param refuse  answers an event refused inside a transaction, once the events before it are recorded
     */
    static void run(int size, Attempt attempt, IntConsumer refuse) {
        int from = 0;
        int limit = size;
        // Shared units of work until one fails unattributed: the rest of the sequence is then recorded without.
        boolean share = true;
        while (from < size) {
            int refusedAt;
            if (limit <= from) {
                refusedAt = from;
            } else {
                try {
                    refusedAt = attempt.commit(from, limit, share);
                } catch (Unattributed e) {
                    if (!share) {
                        throw e;
                    }
                    share = false;
                    continue;
                }
            }
            if (refusedAt >= 0) {
                if (refusedAt > from) {
                    // Record what came before it, then come back for it.
                    limit = refusedAt;
                    continue;
                }
                refuse.accept(from);
                from++;
            } else if (limit < size) {
                refuse.accept(limit);
                from = limit + 1;
            } else {
                from = limit;
            }
            limit = size;
        }
    }

    /**
     * Thrown inside an attempt's transaction, rolling it back, when a unit of work shared by several commands
     * failed: the attempt is made again with one unit of work per command.
     */
    static final class Unattributed extends RuntimeException {

        Unattributed(RuntimeException cause) {
            super("A unit of work shared by several inbox commands failed", cause);
        }
    }

    /** Thrown inside an attempt's transaction to roll it back when the event at {@code index} is refused. */
    static final class Refused extends RuntimeException {

        final int index;

        Refused(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }
}
