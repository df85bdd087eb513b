package org.jingzhun.platform.projection;

/**
 * A read model fed by the projector. {@link #apply} runs inside the projector's database
 * transaction: write with the JDBC template of the same DataSource and the update commits together
 * with the offsets. Each event id reaches it at most once.
 */
public interface Projection {

    /** Applies one event. A thrown exception dead-letters the record and leaves no trace of it. */
    void apply(ProjectedEvent event);
}
