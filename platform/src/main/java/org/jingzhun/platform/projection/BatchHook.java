package org.jingzhun.platform.projection;

/**
 * Work done once per projector transaction rather than once per event: a service registers hooks with
 * its projector instead of posing as a read model to learn where a transaction ends.
 */
public interface BatchHook {

    /**
     * Inside the transaction, after the batch's events were applied and before it commits; a thrown
     * exception rolls the whole batch back (it is retried). Not called for a batch that applied nothing.
     */
    default void beforeCommit(ProjectedBatch batch) {
    }

    /** After the transaction committed; an exception is logged and changes nothing. */
    default void afterCommit(ProjectedBatch batch) {
    }
}
