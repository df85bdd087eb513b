package org.jingzhun.platform.projection;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A read model that a rebuild from the start of the topics can write into other tables (a schema of its
 * own) and then check against the live one. A service's rebuild takes every bean of this type, so a
 * feature joins it by declaring one, without the rebuild knowing the feature.
 */
public interface RebuildableReadModel {

    /**
     * The read model writing through {@code target} instead of the live tables, for a rebuild: it may leave out of
     * the load what it derives from its own tables, until the rebuild calls {@link Projection#loaded}.
     */
    Projection into(JdbcClient target);

    /**
     * Where what the rebuilt tables answer differs from what the live ones answer, one line per difference;
     * empty when they agree (or when this read model has nothing to compare).
     */
    default List<String> differences(JdbcClient rebuilt, PlatformTransactionManager rebuiltTransactions) {
        return List.of();
    }

    /**
     * Whether a rebuild's load may write this read model on a connection and a thread of its own, beside the
     * others: only for a read model whose batch reads nothing the others write in the same transaction, keeps no
     * state between calls that {@link Projection#loaded} depends on, and writes each event at most once whatever
     * its tables already hold (its rows may have committed when another read model fails the batch, which is then
     * applied again record by record).
     */
    default boolean writtenBeside() {
        return false;
    }

    /** Stops work derived from the live tables before they are replaced. */
    default void pause() {
    }

    /** Starts it again, on the tables now live. */
    default void resume() {
    }
}
