package org.jingzhun.reporting.replay;

import io.micrometer.core.instrument.Counter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.flywaydb.core.Flyway;
import org.jingzhun.contracts.Topics;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.projection.ColumnArrays;
import org.jingzhun.platform.projection.RebuildableReadModel;
import org.jingzhun.platform.projection.DeadLetters;
import org.jingzhun.platform.projection.Projection;
import org.jingzhun.platform.projection.ProjectionWriter;
import org.jingzhun.platform.projection.RecordDecoder;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One rebuild of the read models from the start of the topics.
 *
 * <ol>
 *   <li>A scratch schema {@code replay_<id>} gets the service's tables by its own Flyway migrations.</li>
 *   <li>REBUILDING: every partition is read from its beginning up to its end as it was at the start, and
 *       projected into the scratch tables exactly as the live projector does (same decoder, same read
 *       models, an event id applied once, a poison record left out), while the live tables keep serving.</li>
 *   <li>CATCHING_UP: once the live projector has got at least as far, it is stopped; its stored offsets
 *       are where the live tables stand, and the rebuild reads on up to exactly those offsets.</li>
 *   <li>COMPARING: both sets of tables now hold the same records; their totals are compared.</li>
 *   <li>SWAPPING: in one transaction the live tables move out to {@code replaced_<id>} and the rebuilt ones
 *       in (with the offsets and applied event ids of the live projector), then the old ones are dropped
 *       and the live projector goes on from the same offsets. The transaction first bumps the generation
 *       fence, so projectors of other instances still writing into the old tables rewind to the new ones,
 *       and waits at most {@link #SWAP_LOCK_TIMEOUT} for each lock before it is retried.</li>
 * </ol>
 * Records are applied with the live projector's own {@link ProjectionWriter}, in bulk
 * ({@link ProjectionWriter#applyInBulk}: set-based, record by record only for a batch that fails), into tables
 * whose non-unique indexes are built after the load; what a read model derives from its own tables it may leave
 * out of the load and derive at its end ({@link Projection#loaded}). Dead letters re-driven live are applied to
 * the rebuilt tables too.
 * Any failure before the swap leaves the live tables as they were and starts the live projector again.
 */
final class Replay implements Runnable {

    /** Everything a rebuild works with, from the service's beans. */
    record Context(DataSource dataSource, PlatformTransactionManager transactions, Flyway flyway,
                   TransactionalProjector liveProjector, RecordDecoder decoder, KafkaClients kafka,
                   List<RebuildableReadModel> readModels, ZoneId zone, Clock clock, Counter swapRetries) {
    }

    /**
     * Tables of the platform's migrations that hold nothing projected (the reporting service keeps no
     * events, tokens or idempotency records of its own): they stay where they are.
     */
    private static final Set<String> NOT_PROJECTED = Set.of("flyway_schema_history", "domain_event_entry",
            "snapshot_event_entry", "token_entry", "idempotency_record",
            // The fence is what a swap bumps, and dead letters are the live projector's record of what it
            // parked and re-drove: both stay. The checkpoint signing key outlives rebuilds; the checkpoints
            // start again with the rebuilt trail.
            "projector_generation", "projector_dead_letter", "audit_signing_key");
    /** How long the swap waits for a lock (a long audit export holds one) before it gives up and retries. */
    private static final Duration SWAP_LOCK_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long the swap waits for the fence's row: other instances' projector transactions hold it FOR SHARE
     * for as long as a batch takes (seconds under load), and waiting for it queues no reader of the tables.
     */
    private static final Duration FENCE_LOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final int SWAP_ATTEMPTS = 8;
    private static final Duration SWAP_MAX_BACKOFF = Duration.ofSeconds(8);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Records per poll of the rebuild's reader, so per batch and transaction (see consumerProperties). */
    private static final int POLL_RECORDS = 250;
    /** How long the live projector may take to get as far as the rebuild before it is paused. */
    private static final Duration LIVE_CATCH_UP = Duration.ofMinutes(5);

    /** Records loaded before the scratch tables' statistics are first taken; then each time the load doubled. */
    static final long FIRST_ANALYSE = 5_000;
    /** The statistics target of those analyses (PostgreSQL's default: 100, a sample of 30,000 rows). */
    private static final int STATISTICS_TARGET = 10;

    /** The advisory lock that keeps replays one at a time across instances ("jzreplay"). */
    static final long LOCK = 0x6a7a_7265_706c_6179L;

    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final String id;
    private final String schema;
    private final String replaced;
    private final Context context;
    private final OffsetDateTime startedAt;
    private final long startedNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile long total;
    private volatile String status = "RUNNING";
    private volatile String phase = "PREPARING";
    private volatile OffsetDateTime finishedAt;
    private volatile long finishedNanos;
    private volatile Boolean totalsEqual;
    private volatile List<String> differences;
    private volatile String error;
    /** Records loaded when the scratch tables' statistics are next taken ({@link #analyseAsTheyGrow}). */
    private long analyseAt = FIRST_ANALYSE;
    /** Whether it stopped the live projector (which it then starts again, whatever happens). */
    private volatile boolean liveStopped;
    /** REBUILD swaps the rebuilt tables in; VERIFY only compares and drops them. */
    private final boolean swap;

    Replay(String id, Context context, boolean swap) {
        this.id = id;
        this.swap = swap;
        String suffix = id.replace("-", "").substring(0, 12);
        this.schema = "replay_" + suffix;
        this.replaced = "replaced_" + suffix;
        this.context = context;
        this.startedAt = now();
    }

    String id() {
        return id;
    }

    boolean isRunning() {
        return "RUNNING".equals(status);
    }

    ReplayStatus status() {
        long elapsed = (finishedAt == null ? System.nanoTime() : finishedNanos) - startedNanos;
        double perSecond = elapsed <= 0 ? 0 : Math.round(done.get() * 10e9 / elapsed) / 10.0;
        return new ReplayStatus(id, status, phase, startedAt, finishedAt, done.get(), total, perSecond,
                skipped.get(), totalsEqual, differences, error);
    }

    @Override
    public void run() {
        boolean completed = false;
        JdbcClient live = JdbcClient.create(context.dataSource());
        try (Connection connection = context.dataSource().getConnection();
             KafkaConsumer<String, byte[]> consumer = context.kafka().consumer(consumerProperties())) {
            if (!tryLock(connection)) {
                throw new IllegalStateException("Another replay is running on another instance of the service");
            }
            try {
                rebuild(connection, consumer, live);
                completed = true;
            } finally {
                unlock(connection);
            }
        } catch (Exception e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            log.error("Replay {} failed in phase {}; the live tables are as they were", id, phase, e);
        } finally {
            // The old tables after a swap, the rebuilt ones after a failure, the migration history either way.
            // (Not another instance's: it holds the lock, and this one never created them.)
            dropQuietly(live, schema);
            dropQuietly(live, replaced);
            if (liveStopped) {
                context.readModels().forEach(RebuildableReadModel::resume);
                context.liveProjector().start();
            }
            finishedNanos = System.nanoTime();
            finishedAt = now();
            // Last: whoever sees the end finds the live projector running on the tables it will keep.
            status = completed ? "COMPLETED" : "FAILED";
        }
    }

    /**
     * One replay at a time across every instance of the service (they share the database): a session lock
     * on the replay's own connection, released before the connection goes back to the pool.
     */
    static boolean tryLock(Connection connection) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement();
             var result = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
            return result.next() && result.getBoolean(1);
        }
    }

    static void unlock(Connection connection) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
        }
    }

    private void rebuild(Connection connection, KafkaConsumer<String, byte[]> consumer, JdbcClient live)
            throws Exception {
        log.info("Replay {}: rebuilding every read model into schema {}", id, schema);
        migrate();
        List<String> deferred = deferIndexes(live);
        // One connection of the pool, pointed at the scratch schema until it goes back to the pool.
        pointAtScratch(connection, schema);
        List<WrittenBeside> besides = new ArrayList<>();
        try {
            SingleConnectionDataSource scratch = new SingleConnectionDataSource(connection, true);
            DataSourceTransactionManager scratchTransactions = new DataSourceTransactionManager(scratch);
            JdbcClient rebuilt = JdbcClient.create(scratch);
            // The live projector's own apply and offset code, on the scratch tables, without its hooks; the read
            // models written beside first, so that their statements start before the others'.
            List<Projection> projections = readModels(rebuilt, besides);
            ProjectionWriter writer = new ProjectionWriter(context.liveProjector().name(), projections,
                    context.decoder(), rebuilt, new TransactionTemplate(scratchTransactions), besides);
            Reader reader = new Reader(consumer, writer, rebuilt, live);

            phase = "REBUILDING";
            reader.readUpTo(reader.endOffsets());
            loaded(projections, scratchTransactions);
            buildIndexes(live, deferred);

            phase = "CATCHING_UP";
            awaitLiveAtLeastAt(live, reader.positions());
            context.liveProjector().stop();
            liveStopped = true;
            Map<TopicPartition, Long> liveOffsets = liveOffsets(live);
            reader.readUpTo(liveOffsets);
            writer.storeOffsets(liveOffsets);
            Redriven redriven = new Redriven(reader, writer);
            redriven.catchUp();

            phase = "COMPARING";
            List<String> found = new ArrayList<>();
            for (RebuildableReadModel readModel : context.readModels()) {
                found.addAll(readModel.differences(rebuilt, scratchTransactions));
            }
            differences = found;
            totalsEqual = found.isEmpty();
            if (!found.isEmpty()) {
                log.warn("Replay {}: the rebuilt totals differ from the live ones, which they replace: {}", id, found);
            }

            if (swap) {
                phase = "SWAPPING";
                context.readModels().forEach(RebuildableReadModel::pause);
                swap(live, redriven);
            }
            phase = "DONE";
            log.info("Replay {} completed: {} records read, {} skipped, totals equal: {}", id, done.get(),
                    skipped.get(), totalsEqual);
        } finally {
            for (WrittenBeside beside : besides) {
                try {
                    beside.close();
                } catch (SQLException | RuntimeException e) {
                    log.warn("Replay {}: could not give back the connection of {}", id, beside.name(), e);
                }
            }
            // The pool keeps the connection: it must not point at a schema about to be dropped.
            pointBack(connection);
        }
    }

    /**
     * Points a connection at the scratch schema. Its commits need not wait for the WAL flush: a crash loses the
     * scratch schema anyway (the next start drops it and nothing was swapped in), and the swap, which makes the
     * rebuilt tables live, commits on another connection, durably. Local to the session: reset ({@link #pointBack})
     * before the connection goes back to the pool.
     *
     * <p>Every statement is planned for its own parameters and the tables as they are now ({@code plan_cache_mode}):
     * the scratch tables grow from empty to the whole history within the session, and a pooled connection's
     * prepared statements may already lean to generic plans from earlier use. A generic plan made while a table
     * was nearly empty stays cached as it grows (until an analyse): measured, the problems' history close took
     * 120–293 ms a batch instead of 5.5 ms, and a replay of 305,000 records 59.5 s instead of 25.0 s
     * (docs/benchmarks.md, "Fifth round"). The tables were just written, so they are in memory: an index look-up
     * costs about what a sequential read does ({@code random_page_cost}).
     */
    static void pointAtScratch(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + quoted(schema));
            statement.execute("SET synchronous_commit TO off");
            statement.execute("SET plan_cache_mode TO force_custom_plan");
            statement.execute("SET random_page_cost TO 1.1");
        }
    }

    /** Undoes {@link #pointAtScratch} before the connection goes back to the pool. */
    static void pointBack(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("RESET search_path");
            statement.execute("RESET synchronous_commit");
            statement.execute("RESET plan_cache_mode");
            statement.execute("RESET random_page_cost");
        }
    }

    private void migrate() {
        Flyway.configure()
                .configuration(context.flyway().getConfiguration())
                .dataSource(context.dataSource())
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .load()
                .migrate();
    }

    /**
     * Drops the scratch tables' indexes that no constraint stands on, and returns their definitions: keeping
     * an index up to date row by row during the load costs far more than building it once afterwards
     * ({@link #buildIndexes}), before anything reads the rebuilt tables. Unique indexes and primary keys stay:
     * {@code ON CONFLICT} and the handlers' look-ups by id need them.
     */
    private List<String> deferIndexes(JdbcClient live) {
        List<String[]> indexes = live.sql("""
                        SELECT c.relname, pg_get_indexdef(c.oid)
                        FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                        JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ? AND NOT x.indisunique AND NOT x.indisprimary ORDER BY c.relname""")
                .param(schema)
                .query((rs, row) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
        for (String[] index : indexes) {
            live.sql("DROP INDEX " + quoted(schema) + "." + quoted(index[0])).update();
        }
        return indexes.stream().map(index -> index[1]).toList();
    }

    /** Lets each read model derive in one transaction what it left out of the load ({@link Projection#loaded}). */
    private void loaded(List<Projection> projections, PlatformTransactionManager scratchTransactions) {
        long started = System.nanoTime();
        new TransactionTemplate(scratchTransactions).executeWithoutResult(
                status -> projections.forEach(Projection::loaded));
        log.info("Replay {}: the read models derived what they left out of the load in {} ms", id,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Builds the indexes {@link #deferIndexes} dropped (their definitions name the scratch schema). */
    private void buildIndexes(JdbcClient live, List<String> definitions) {
        long started = System.nanoTime();
        definitions.forEach(definition -> live.sql(definition).update());
        log.info("Replay {}: {} indexes built after the load in {} ms", id, definitions.size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The read models writing into the scratch tables: those that may be written beside the others
     * ({@link RebuildableReadModel#writtenBeside}) first, each on a connection of the pool of its own (added to
     * {@code besides}, which the caller closes), then the rest on the rebuild's connection.
     */
    private List<Projection> readModels(JdbcClient rebuilt, List<WrittenBeside> besides) throws SQLException {
        List<Projection> projections = new ArrayList<>();
        for (RebuildableReadModel model : context.readModels()) {
            if (model.writtenBeside()) {
                Connection own = context.dataSource().getConnection();
                try {
                    pointAtScratch(own, schema);
                } catch (SQLException | RuntimeException e) {
                    own.close();
                    throw e;
                }
                WrittenBeside beside = new WrittenBeside(model::into, rebuilt, own);
                besides.add(beside);
                projections.add(beside);
            }
        }
        for (RebuildableReadModel model : context.readModels()) {
            if (!model.writtenBeside()) {
                projections.add(model.into(rebuilt));
            }
        }
        return projections;
    }

    /** Waits (bounded) until the live projector has stored offsets at least as far as {@code positions}. */
    private void awaitLiveAtLeastAt(JdbcClient live, Map<TopicPartition, Long> positions) throws InterruptedException {
        long deadline = System.nanoTime() + LIVE_CATCH_UP.toNanos();
        while (true) {
            Map<TopicPartition, Long> liveOffsets = liveOffsets(live);
            if (positions.entrySet().stream().allMatch(p -> liveOffsets.getOrDefault(p.getKey(), 0L) >= p.getValue())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The live projector did not get as far as the rebuild within "
                        + LIVE_CATCH_UP + "; is it failing?");
            }
            // Polling a table another thread writes; no event to wait on across the two.
            Thread.sleep(POLL.toMillis());
        }
    }

    private Map<TopicPartition, Long> liveOffsets(JdbcClient jdbc) {
        return context.liveProjector().writer().storedOffsets();
    }

    /**
     * Moves the live relations out and the rebuilt ones in, in one transaction; then drops the old ones.
     * First it bumps the generation fence: that waits for the transactions of other instances' projectors
     * (each holds the fence's row FOR SHARE), makes their next ones wait, and then fails them, so they rewind
     * to the rebuilt offsets and re-read into the rebuilt tables what they had written into the old ones.
     * The fence's row is waited for at most {@link #FENCE_LOCK_TIMEOUT} (another instance's batch in progress),
     * each table at most {@link #SWAP_LOCK_TIMEOUT} (readers queue behind a waiting exclusive lock); then the
     * whole swap is rolled back and tried again after a back-off.
     */
    private void swap(JdbcClient live, Redriven redriven) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                new TransactionTemplate(context.transactions()).executeWithoutResult(status -> {
                    live.sql("SET LOCAL lock_timeout = '" + FENCE_LOCK_TIMEOUT.toMillis() + "ms'").update();
                    live.sql("""
                                    INSERT INTO projector_generation (projector, generation, changed_at)
                                    VALUES (?, 1, now())
                                    ON CONFLICT (projector) DO UPDATE
                                    SET generation = projector_generation.generation + 1, changed_at = now()""")
                            .param(context.liveProjector().name()).update();
                    // The tables' own locks: a reader queues behind a waiting exclusive lock, so not for long.
                    live.sql("SET LOCAL lock_timeout = '" + SWAP_LOCK_TIMEOUT.toMillis() + "ms'").update();
                    // A re-drive holds the fence's row too: none is under way now, and none can start.
                    if (context.liveProjector().deadLetters().redrivenCount(context.liveProjector().name())
                            != redriven.handled.size()) {
                        throw new RedrivenMeanwhile();
                    }
                    String liveSchema = live.sql("SELECT current_schema()").query(String.class).single();
                    live.sql("CREATE SCHEMA " + quoted(replaced)).update();
                    for (Relation relation : relations(live, schema)) {
                        if (NOT_PROJECTED.contains(relation.name())) {
                            continue;
                        }
                        live.sql(relation.alter(liveSchema) + " SET SCHEMA " + quoted(replaced)).update();
                        live.sql(relation.alter(schema) + " SET SCHEMA " + quoted(liveSchema)).update();
                    }
                });
                log.info("Replay {}: the rebuilt tables are live", id);
                return;
            } catch (RedrivenMeanwhile e) {
                if (attempt >= SWAP_ATTEMPTS) {
                    throw new IllegalStateException("Dead letters kept being re-driven during the swap", e);
                }
                redriven.catchUp();
            } catch (RuntimeException e) {
                if (!lockNotAvailable(e) || attempt >= SWAP_ATTEMPTS) {
                    throw e;
                }
                context.swapRetries().increment();
                long backOff = Math.min(SWAP_MAX_BACKOFF.toMillis(), 250L << attempt);
                log.warn("Replay {}: the swap waited {} for a lock (attempt {} of {}); trying again in {} ms", id,
                        SWAP_LOCK_TIMEOUT, attempt, SWAP_ATTEMPTS, backOff);
                // Retry pacing after a lock timeout, not a wait for asynchronous work.
                Thread.sleep(backOff);
            }
        }
    }

    /** A dead letter was re-driven live after the rebuild caught up with the re-driven ones. */
    private static final class RedrivenMeanwhile extends RuntimeException {
        RedrivenMeanwhile() {
            super("a dead letter was re-driven during the replay", null, false, false);
        }
    }

    /**
     * The dead letters re-driven live, applied to the rebuilt tables too: the rebuild dead-letters the same
     * records the live projector did, and without this the rebuilt tables would lack what a fix and a
     * re-drive brought into the live ones. Each is applied as the rebuild left it out (whole, or for the
     * read models that failed here), in the order they were re-driven.
     */
    private final class Redriven {
        private final Reader reader;
        private final ProjectionWriter writer;
        private final Set<Long> handled = new HashSet<>();

        Redriven(Reader reader, ProjectionWriter writer) {
            this.reader = reader;
            this.writer = writer;
        }

        void catchUp() {
            String projector = context.liveProjector().name();
            for (DeadLetters.Redriven letter : context.liveProjector().deadLetters().redriven(projector)) {
                if (!handled.add(letter.id())) {
                    continue;
                }
                List<String> failedHere = reader.parked.get(origin(letter.record()));
                if (failedHere != null && writer.applyRedriven(letter.record(), failedHere, reader.generation)) {
                    skipped.decrementAndGet();
                    log.info("Replay {}: applied dead letter {} as it was re-driven live", id, letter.id());
                }
            }
        }
    }

    private static String origin(ConsumerRecord<String, byte[]> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    /** PostgreSQL's lock_not_available (55P03): a lock_timeout ran out. */
    static boolean lockNotAvailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private record Relation(String name, String kind) {
        /** The ALTER statement's head for this relation in {@code schema}. */
        String alter(String schema) {
            String what = switch (kind) {
                case "v" -> "ALTER VIEW ";
                case "m" -> "ALTER MATERIALIZED VIEW ";
                default -> "ALTER TABLE ";
            };
            return what + "IF EXISTS " + quoted(schema) + "." + quoted(name);
        }
    }

    private static List<Relation> relations(JdbcClient jdbc, String schema) {
        return jdbc.sql("""
                        SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname""")
                .param(schema)
                .query((rs, row) -> new Relation(rs.getString(1), rs.getString(2)))
                .list();
    }

    private void dropQuietly(JdbcClient jdbc, String name) {
        try {
            jdbc.sql("DROP SCHEMA IF EXISTS " + quoted(name) + " CASCADE").update();
        } catch (RuntimeException e) {
            log.warn("Replay {}: cannot drop schema {}; the next start drops it", id, name, e);
        }
    }

    static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(context.clock()).atZoneSameInstant(context.zone()).toOffsetDateTime();
    }

    private Map<String, Object> consumerProperties() {
        // Partitions are assigned by hand and positions kept here: no group, nothing committed (KafkaClients).
        Map<String, Object> props = context.kafka().consumerConfig("jingzhun-replay-" + id, null);
        // A batch is one transaction, so a larger one spreads its fixed costs (fence, offsets, the look-up of what
        // the live projector applied, commit) thinner — but two polls are alive at once (one written, the next
        // decoded beside it), and whatever lives across a young collection is promoted: with polls of 2,500 a
        // third of the replay was the serial collector's full collections (~32 per 174,498 records). 250 records
        // per poll cut them to ~5, reporting's peak by ~20 MiB, and the replay by ~13 %; 100 were slower again
        // (docs/benchmarks.md, "Replay", "Seventh round").
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, POLL_RECORDS);
        // Whole partitions are read from the start: fetch in large chunks rather than the default 1 MiB.
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 32 * 1024 * 1024);
        return props;
    }

    /** Reads the topics' partitions from their beginning, never past a limit, into the scratch tables. */
    private final class Reader {

        private final KafkaConsumer<String, byte[]> consumer;
        private final ProjectionWriter writer;
        private final JdbcClient rebuilt;
        private final JdbcClient live;
        private final long generation;
        private final Map<TopicPartition, Long> next = new HashMap<>();
        /** What it left out, by origin: the read models that failed (empty: the whole record). */
        private final Map<String, List<String>> parked = new HashMap<>();

        Reader(KafkaConsumer<String, byte[]> consumer, ProjectionWriter writer, JdbcClient rebuilt, JdbcClient live) {
            this.consumer = consumer;
            this.writer = writer;
            this.rebuilt = rebuilt;
            this.live = live;
            this.generation = writer.generation();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.ALL) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            next.putAll(consumer.beginningOffsets(partitions));
        }

        Map<TopicPartition, Long> endOffsets() {
            return consumer.endOffsets(next.keySet());
        }

        Map<TopicPartition, Long> positions() {
            return Map.copyOf(next);
        }

        /**
         * Reads until every partition's next offset reached its limit (a partition without one: none). Each poll
         * is decoded on the decoding thread while the poll before it is written on this one: on a box with two
         * cores, parsing and checking JSON then no longer waits for PostgreSQL, nor PostgreSQL for it.
         */
        void readUpTo(Map<TopicPartition, Long> limits) {
            Set<TopicPartition> open = new HashSet<>();
            long ahead = 0;
            for (Map.Entry<TopicPartition, Long> entry : next.entrySet()) {
                long limit = limits.getOrDefault(entry.getKey(), entry.getValue());
                if (entry.getValue() < limit) {
                    open.add(entry.getKey());
                    ahead += limit - entry.getValue();
                }
            }
            total = Math.max(total, done.get() + ahead);
            consumer.pause(next.keySet());
            consumer.resume(open);
            ExecutorService decoding = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "replay-decode");
                thread.setDaemon(true);
                return thread;
            });
            try {
                Future<ProjectionWriter.DecodedBatch> pending = null;
                while (!open.isEmpty() || pending != null) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("interrupted (the service is stopping)");
                    }
                    List<ConsumerRecord<String, byte[]>> batch = open.isEmpty() ? List.of() : poll(limits, open);
                    Future<ProjectionWriter.DecodedBatch> decoded = batch.isEmpty() ? null
                            : decoding.submit(() -> writer.decode(batch, appliedLive(batch)));
                    if (pending != null) {
                        write(pending);
                    }
                    pending = decoded;
                }
            } finally {
                decoding.shutdownNow();
            }
        }

        /**
         * Which of the batch's records the live projector applied: the JSON Schema check let each of them through
         * when it was first projected (a record failing it is dead-lettered, never applied), and a Kafka record never
         * changes, so the rebuild leaves the check out for them (it was 15 % of the rebuild's CPU). Every other
         * record is checked as the live projector checks it: those it dead-lettered, its duplicates, and those it
         * has not read yet. The live projector's applied events are themselves either its own or those of a rebuild
         * swapped in, which checked them or took them from the live projector before it in turn.
         */
        private Predicate<ConsumerRecord<String, byte[]>> appliedLive(List<ConsumerRecord<String, byte[]>> batch) {
            Map<TopicPartition, long[]> ranges = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : batch) {
                ranges.merge(new TopicPartition(record.topic(), record.partition()),
                        new long[] {record.offset(), record.offset()},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
            ColumnArrays rows = new ColumnArrays("topic", "partition_no", "first", "last");
            ranges.forEach((partition, range) -> rows.add(partition.topic(), partition.partition(), range[0], range[1]));
            Object[] parameters = Arrays.copyOf(rows.parameters(), rows.names().size() + 1);
            parameters[rows.names().size()] = writer.projector();
            Set<String> applied = new HashSet<>(live.sql("""
                            SELECT a.topic || '-' || a.partition_no || '@' || a.offset_no
                            FROM projector_applied_event a JOIN %s
                              ON a.topic = r.topic AND a.partition_no = CAST(r.partition_no AS INT)
                             AND a.offset_no BETWEEN CAST(r.first AS BIGINT) AND CAST(r.last AS BIGINT)
                            WHERE a.projector = ?""".formatted(rows.unnest("r")))
                    .params(parameters)
                    .query(String.class).list());
            return record -> applied.contains(origin(record));
        }

        /** The next records up to the limits (none when the poll found none); moves the positions past them. */
        private List<ConsumerRecord<String, byte[]>> poll(Map<TopicPartition, Long> limits, Set<TopicPartition> open) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            for (TopicPartition partition : records.partitions()) {
                long limit = limits.getOrDefault(partition, next.get(partition));
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    if (record.offset() >= limit) {
                        // Fetched past the limit: read these again once the limit moves.
                        consumer.seek(partition, limit);
                        break;
                    }
                    batch.add(record);
                    next.put(partition, record.offset() + 1);
                }
            }
            for (TopicPartition partition : List.copyOf(open)) {
                if (next.get(partition) >= limits.get(partition)) {
                    open.remove(partition);
                    consumer.pause(Set.of(partition));
                }
            }
            return batch;
        }

        /**
         * What the live projector leaves after a batch: once per event id, what it would dead-letter left out here
         * (and counted); set-based, with no savepoint per record unless one fails.
         */
        private void write(Future<ProjectionWriter.DecodedBatch> decoding) {
            ProjectionWriter.DecodedBatch batch;
            try {
                batch = decoding.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted (the service is stopping)", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("decoding a batch failed", e.getCause());
            }
            writer.applyInBulk(batch, generation, letters -> {
                skipped.addAndGet(letters.size());
                letters.forEach(letter -> parked.put(origin(letter.record()), letter.readModels()));
            });
            analyseAsTheyGrow(rebuilt, done.addAndGet(batch.records().size()));
        }
    }

    /**
     * Takes the scratch tables' statistics once the load has reached {@link #FIRST_ANALYSE} records, then each time
     * it doubled (eight times for a million records). The tables start empty, and without statistics the planner
     * takes a table of 130,000 problem versions for one of a hundred: it hashed the whole problems' history for
     * every batch instead of looking up the batch's problems by key (docs/benchmarks.md, "Fifth round"). Autovacuum
     * takes them too, but a minute late at best; an analyse also drops the plans made for the tables as they were.
     */
    private void analyseAsTheyGrow(JdbcClient rebuilt, long loaded) {
        if (loaded < analyseAt) {
            return;
        }
        long started = System.nanoTime();
        List<String> tables = relations(rebuilt, schema).stream()
                .filter(relation -> relation.kind().equals("r") || relation.kind().equals("p"))
                .map(relation -> quoted(schema) + "." + quoted(relation.name()))
                .toList();
        if (!tables.isEmpty()) {
            // On the rebuild's own connection, between two of its transactions: no third connection of the pool.
            try {
                // What the plans need is each table's size and its commonest values (the current versions' open
                // end): a sample of 3,000 rows rather than 30,000 tells them, at a tenth of the cost.
                rebuilt.sql("SET default_statistics_target TO " + STATISTICS_TARGET).update();
                try {
                    // A table autovacuum is analysing or vacuuming now is left to it rather than waited for.
                    rebuilt.sql("ANALYZE (SKIP_LOCKED) " + String.join(", ", tables)).update();
                } finally {
                    rebuilt.sql("RESET default_statistics_target").update();
                }
                log.info("Replay {}: statistics of {} scratch tables taken at {} records in {} ms", id, tables.size(),
                        loaded, (System.nanoTime() - started) / 1_000_000);
            } catch (DataAccessException e) {
                // Statistics only make the plans better; the load goes on without them (and fails on its own
                // statements if the database is gone).
                log.warn("Replay {}: could not take the scratch tables' statistics at {} records", id, loaded, e);
            }
        }
        while (analyseAt <= loaded) {
            analyseAt *= 2;
        }
    }
}
