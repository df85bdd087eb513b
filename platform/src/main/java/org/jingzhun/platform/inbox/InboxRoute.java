package org.jingzhun.platform.inbox;

/**
 * How one accepted CloudEvent type becomes a command: validated like the matching HTTP request and sent
 * through the same code, inside the inbox's transaction.
 */
@FunctionalInterface
public interface InboxRoute {

    /**
     * Records the fact the event reports.
     *
     * @return the id of what was recorded (the new fact's or the aggregate's), as the HTTP command answers it
     * @throws RuntimeException a {@link org.jingzhun.platform.web.RuleViolation}, a validation or
     *                          mapping failure: the event is rejected and nothing is recorded
     */
    String record(InboxData data);

    /**
     * Whether this route's commands may share one Axon unit of work with the neighbouring events of their
     * group (a Kafka poll, an HTTP batch) that allow it too: their events are then appended with one
     * statement and handed to the service's subscribing projections together, when the shared unit commits
     * — still inside the group's transaction, before anything else of the group runs. So a route may share
     * only if neither it nor its command reads what those projections write (the service's own views): a
     * command that does would not see its neighbours' facts yet. The registries' replicas, the aggregates and
     * the tree's own tables are no such views. False unless made with {@link #sharingUnitOfWork}.
     */
    default boolean sharesUnitOfWork() {
        return false;
    }

    /** {@code route}, allowed to share a unit of work with its neighbours (see {@link #sharesUnitOfWork()}). */
    static InboxRoute sharingUnitOfWork(InboxRoute route) {
        return new InboxRoute() {
            @Override
            public String record(InboxData data) {
                return route.record(data);
            }

            @Override
            public boolean sharesUnitOfWork() {
                return true;
            }
        };
    }
}
