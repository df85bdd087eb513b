package org.jingzhun.reporting.readmodel;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One snapshot for a whole answer: a read-only transaction at {@code REPEATABLE READ}, so that figures read by
 * several statements belong together while the projector commits meanwhile.
 *
 * <p>The isolation is the transaction's own first statement ({@code SET TRANSACTION}, sent with pgjdbc's
 * {@code BEGIN READ ONLY} in one round trip), not Spring's {@code TransactionDefinition} isolation: for that one,
 * Spring asks the connection for its level and pgjdbc asks the server ({@code SHOW TRANSACTION ISOLATION LEVEL}),
 * then sets the session's characteristics before the transaction and sets them back after it — three round trips
 * more for every answer a dashboard polls (docs/benchmarks.md, "The totals a dashboard polls").
 *
 * <p>Joined to a transaction already under way, it reads in that one, at that one's isolation (as Spring's
 * isolation setting would, which is not validated against an existing transaction).
 */
public final class Snapshot {

    private final TransactionTemplate readOnly;
    private final JdbcClient jdbc;

    /** {@code jdbc} must reach the data source {@code transactions} manages. */
    public Snapshot(PlatformTransactionManager transactions, JdbcClient jdbc) {
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.jdbc = jdbc;
    }

    /** What {@code reading} returns, every statement of it seeing the same snapshot. */
    public <T> T read(Supplier<T> reading) {
        return readOnly.execute(status -> {
            if (status.isNewTransaction()) {
                jdbc.sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").update();
            }
            return reading.get();
        });
    }
}
