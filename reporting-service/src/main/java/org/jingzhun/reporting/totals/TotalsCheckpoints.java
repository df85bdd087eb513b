package org.jingzhun.reporting.totals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps checkpoints of the {@link TotalsModel} ({@code totals_checkpoint}), one per
 * {@link AsOfSettings#checkpointEvery()} recorded events, in the background.
 * <p>
 * Invariant: a checkpoint covering up to instant C holds every event recorded at or before C. A late
 * event (recorded before C, projected after the checkpoint was written) breaks it, so
 * {@link CheckpointInvalidation} deletes, in that event's transaction, every checkpoint from the event's
 * time on. A checkpoint being built while such an event commits would miss it unseen; both therefore take
 * the advisory lock {@link #LOCK} (the projector shared, the builder exclusive), and the builder checks,
 * under the lock, that the stretch it folded still holds exactly the events it saw and that its base
 * checkpoint still exists. Either the late event's transaction deletes the new checkpoint, or the builder
 * sees the late event and gives up; the next round starts again from what is valid.
 */
@Component
class TotalsCheckpoints implements SmartLifecycle {

    /** The advisory lock between checkpoint writers and late events; any constant unique in this database. */
    static final long LOCK = 0x6a7a_746f_7461_6c73L;

    private static final Logger log = LoggerFactory.getLogger(TotalsCheckpoints.class);
    /** Checkpoints built per round at most: a backlog is caught up over a few rounds, not in one burst. */
    private static final int PER_ROUND = 20;

    private final JdbcClient jdbc;
    private final RecordedEvents history;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate writer;
    private final AsOfSettings settings;
    private final Counter created;
    private volatile ScheduledExecutorService builder;
    /** The model of the last checkpoint this builder wrote, to go on from without reading it back. */
    @Nullable
    private volatile Checkpoint last;

    TotalsCheckpoints(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                      AsOfSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.history = new RecordedEvents(dataSource);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.writer = new TransactionTemplate(transactions);
        this.settings = settings;
        this.created = Counter.builder("jingzhun.totals.checkpoints.created")
                .description("Checkpoints of the totals model written").register(meters);
    }

    /** A stored checkpoint: its id, the instant it covers up to, its model. */
    record Checkpoint(long id, OffsetDateTime coversUntil, TotalsModel model) {
    }

    /** The latest checkpoint covering up to {@code instant} or earlier; call inside a transaction. */
    Optional<Checkpoint> latestAtOrBefore(OffsetDateTime instant) {
        return jdbc.sql("""
                        SELECT checkpoint_id, covers_until, state::text FROM totals_checkpoint
                        WHERE model_version = ? AND covers_until <= ?
                        ORDER BY covers_until DESC LIMIT 1""")
                .params(TotalsModel.VERSION, instant)
                .query((rs, row) -> new Checkpoint(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                        TotalsModel.fromJson(rs.getString(3))))
                .optional();
    }

    /** Builds checkpoints until the history after the latest one is shorter than one interval; returns how many. */
    int catchUp() {
        int built = 0;
        while (built < PER_ROUND && buildNext()) {
            built++;
        }
        return built;
    }

    /** Builds the next checkpoint if enough events were recorded after the latest; false if not (yet). */
    boolean buildNext() {
        Draft draft = snapshot.execute(status -> draft());
        if (draft == null) {
            return false;
        }
        Boolean stored = writer.execute(status -> store(draft));
        if (Boolean.TRUE.equals(stored)) {
            created.increment();
            log.debug("Totals checkpoint up to {}: {} events", draft.coversUntil, draft.model.eventsProjected());
            return true;
        }
        log.debug("Totals checkpoint up to {} discarded: a late event changed the history", draft.coversUntil);
        return false;
    }

    private record Draft(@Nullable Long baseId, @Nullable OffsetDateTime after, OffsetDateTime coversUntil,
                         TotalsModel model, long folded) {
    }

    @Nullable
    private Draft draft() {
        Optional<Base> base = jdbc.sql("""
                        SELECT checkpoint_id, covers_until FROM totals_checkpoint WHERE model_version = ?
                        ORDER BY covers_until DESC LIMIT 1""")
                .param(TotalsModel.VERSION)
                .query((rs, row) -> new Base(rs.getLong(1), rs.getObject(2, OffsetDateTime.class)))
                .optional();
        OffsetDateTime after = base.map(Base::coversUntil).orElse(null);
        Optional<OffsetDateTime> until = history.nth(after, settings.checkpointEvery());
        Optional<OffsetDateTime> latest = history.latest();
        if (until.isEmpty() || latest.isEmpty()
                || until.get().isAfter(latest.get().minus(settings.checkpointSettle()))) {
            return null;
        }
        TotalsModel model;
        Checkpoint previous = last;
        // Taken out while it is folded further: if this draft is discarded, it is read back next time.
        last = null;
        if (base.isEmpty()) {
            model = new TotalsModel();
        } else if (previous != null && previous.id() == base.get().id()) {
            model = previous.model();
        } else {
            model = jdbc.sql("SELECT state::text FROM totals_checkpoint WHERE checkpoint_id = ?")
                    .param(base.get().id()).query((rs, row) -> TotalsModel.fromJson(rs.getString(1))).single();
        }
        long folded = history.replay(model, after, until.get());
        return new Draft(base.map(Base::id).orElse(null), after, until.get(), model, folded);
    }

    private record Base(long id, OffsetDateTime coversUntil) {
    }

    private boolean store(Draft draft) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
        // Statements after the lock see everything committed before it: late events included.
        if (draft.baseId != null && jdbc.sql("SELECT count(*) FROM totals_checkpoint WHERE checkpoint_id = ?")
                .param(draft.baseId).query(Long.class).single() == 0) {
            return false;
        }
        if (history.count(draft.after, draft.coversUntil) != draft.folded) {
            return false;
        }
        Optional<Long> id = jdbc.sql("""
                        INSERT INTO totals_checkpoint (model_version, covers_until, events_included, state)
                        VALUES (?, ?, ?, CAST(? AS JSONB))
                        ON CONFLICT (model_version, covers_until) DO NOTHING
                        RETURNING checkpoint_id""")
                .params(TotalsModel.VERSION, draft.coversUntil, draft.model.eventsProjected(), draft.model.toJson())
                .query(Long.class).optional();
        id.ifPresent(value -> last = new Checkpoint(value, draft.coversUntil, draft.model));
        return id.isPresent();
    }

    @Override
    public synchronized void start() {
        if (builder != null) {
            return;
        }
        // Checkpoints of an older model would never be used again.
        jdbc.sql("DELETE FROM totals_checkpoint WHERE model_version <> ?").param(TotalsModel.VERSION).update();
        builder = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "totals-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long poll = settings.checkpointPoll().toMillis();
        builder.scheduleWithFixedDelay(this::round, poll, poll, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            // The next round tries again; a missing checkpoint only makes answers slower, never wrong.
            log.warn("Cannot build a totals checkpoint; retrying in {}", settings.checkpointPoll(), e);
            last = null;
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService executor = builder;
        builder = null;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A rebuild may replace the table meanwhile (its ids start again): go on from nothing kept in memory.
        last = null;
    }

    @Override
    public boolean isRunning() {
        return builder != null;
    }
}
