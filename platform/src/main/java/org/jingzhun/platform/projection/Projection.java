package org.jingzhun.platform.projection;

/**
 * A read model fed by the projector. {@link #apply} runs inside the projector's database
 * transaction: write with the JDBC template of the same DataSource and the update commits together
 * with the offsets. Each event id reaches it at most once.
 */
public interface Projection {

    /**
     * Applies one event. A thrown exception undoes this read model's writes for the event (a savepoint of
     * its own) and dead-letters the record for it; the projector's other read models keep the event.
     */
    void apply(ProjectedEvent event);

    /** The read model's name, as dead letters list the read models that failed. */
    default String name() {
        return getClass().getSimpleName();
    }
}
