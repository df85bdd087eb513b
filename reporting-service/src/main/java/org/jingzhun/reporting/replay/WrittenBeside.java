package org.jingzhun.reporting.replay;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jingzhun.platform.projection.BatchHook;
import org.jingzhun.platform.projection.ProjectedBatch;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read model that a rebuild's load writes on a connection and a thread of its own, beside the others
 * ({@link org.jingzhun.platform.projection.RebuildableReadModel#writtenBeside}): on a box whose PostgreSQL backend
 * is the rebuild's bottleneck, the audit trail's rows (a third of the load's statement time) then no longer wait
 * for the totals' statements, nor these for them.
 *
 * <p>A batch's rows ({@link #applyAll}) are written in a transaction of their own on the other connection, started at
 * once; the rebuild's transaction waits for it to commit before it commits itself ({@link #beforeCommit}), so a batch
 * whose offsets are stored has its rows here. If that write fails, the rebuild's transaction fails with it and the
 * batch is applied again record by record ({@link #apply}), on the rebuild's own connection, as every read model's
 * is. If instead another read model fails the batch after these rows committed, the record-by-record pass finds them
 * there: the read model must write each event at most once whatever it finds ({@code ON CONFLICT DO NOTHING}), as a
 * redelivered event requires of every read model anyway. So the rebuilt tables end as a rebuild on one connection
 * leaves them; the scratch schema is dropped whole after a crash, so the two commits need not be one.
 */
final class WrittenBeside implements Projection, BatchHook, AutoCloseable {

    private final Projection here;
    private final Projection beside;
    private final Connection connection;
    private final TransactionTemplate transactions;
    private final ExecutorService thread;
    private Future<?> pending;

    /**
     * @param into       the read model writing through a given client (the rebuild's {@code into})
     * @param here       the rebuild's own client, for record-by-record application and {@link #loaded}
     * @param connection a connection of its own, already pointed at the rebuild's schema; closed by {@link #close}
     */
    WrittenBeside(Function<JdbcClient, Projection> into, JdbcClient here, Connection connection) {
        this.here = into.apply(here);
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
        this.beside = into.apply(JdbcClient.create(dataSource));
        this.connection = connection;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        String name = "replay-" + this.here.name();
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread writer = new Thread(task, name);
            writer.setDaemon(true);
            return writer;
        });
    }

    @Override
    public String name() {
        return here.name();
    }

    /** Starts writing the batch's rows on the other connection; {@link #beforeCommit} waits for them. */
    @Override
    public void applyAll(List<ProjectedEvent> events) {
        settle();
        pending = thread.submit(() -> transactions.executeWithoutResult(status -> beside.applyAll(events)));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // Should the rebuild's transaction roll back before beforeCommit (another read model failed), the
            // write is let end before the batch is applied again.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        settle();
                    }
                }
            });
        }
    }

    /** One event, on the rebuild's connection, once any write still running on the other one is over. */
    @Override
    public void apply(ProjectedEvent event) {
        settle();
        here.apply(event);
    }

    @Override
    public void loaded() {
        settle();
        here.loaded();
    }

    /**
     * Waits for the batch's rows to commit on the other connection; a failure there fails the rebuild's transaction
     * too (a lost connection as it is, so that the rebuild stops as it does when its own is lost; anything else so
     * that the batch is applied again record by record).
     */
    @Override
    public void beforeCommit(ProjectedBatch batch) {
        Throwable failure = awaitPending();
        if (failure instanceof TransientDataAccessException || failure instanceof DataAccessResourceFailureException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw new IllegalStateException(name() + " failed beside the rebuild: " + failure, failure);
        }
    }

    /** Lets a write still running on the other connection end, whatever its outcome (its batch is being redone). */
    private void settle() {
        // A failed write's rows were rolled back; the rebuild's own pass writes them.
        awaitPending();
    }

    /** Waits for the write started last, if any, and forgets it; returns why it failed, or null. */
    private Throwable awaitPending() {
        Future<?> written = pending;
        pending = null;
        if (written == null) {
            return null;
        }
        try {
            written.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted (the service is stopping)", e);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** Waits for what is still running, then gives the connection back with its session settings reset. */
    @Override
    public void close() throws SQLException {
        try {
            settle();
        } finally {
            thread.shutdownNow();
            try {
                Replay.pointBack(connection);
            } finally {
                connection.close();
            }
        }
    }
}
