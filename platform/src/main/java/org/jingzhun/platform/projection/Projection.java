package org.jingzhun.platform.projection;

import java.util.List;

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

    /**
     * Applies the events of one batch, in order, inside the projector's transaction and without a savepoint
     * per event ({@link ProjectionWriter#applyInBulk}). A thrown exception fails the whole batch, which is then
     * applied again event by event through {@link #apply}, so an event that fails is dead-lettered as there.
     * Override it to write a batch with fewer statements; what it leaves must be what {@link #apply} of each
     * event in turn leaves.
     */
    default void applyAll(List<ProjectedEvent> events) {
        events.forEach(this::apply);
    }

    /**
     * A rebuild ({@link RebuildableReadModel#into}) has applied every record it read up to the end of the topics as
     * they were when it started, its bulk load, and applies the rest (the catch-up, re-driven dead letters) as the
     * live projector does. A read model that left out during the load what it derives from its own tables derives
     * it here, in one transaction, before anything reads the rebuilt tables; from here on it keeps it up to date
     * record by record. Never called on the live read models.
     */
    default void loaded() {
    }

    /** The read model's name, as dead letters list the read models that failed. */
    default String name() {
        return getClass().getSimpleName();
    }
}
