package org.jingzhun.reporting.replay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.projection.RebuildableReadModel;
import org.jingzhun.platform.projection.RecordDecoder;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.jingzhun.platform.web.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The rebuilds of this service: one at a time, each on a thread of its own. Their progress is kept in
 * memory; a rebuild cut short by a stop leaves only its scratch schema behind, dropped at the next start.
 */
@Component
class Replays implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final Map<String, Replay> replays = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Replay.Context context;
    private Replay running;

    Replays(DataSource dataSource, PlatformTransactionManager transactions, Flyway flyway,
            TransactionalProjector liveProjector, RecordDecoder decoder, KafkaClients kafka,
            List<RebuildableReadModel> readModels, JingzhunProperties jingzhun, Clock clock, MeterRegistry meters) {
        this.context = new Replay.Context(dataSource, transactions, flyway, liveProjector, decoder, kafka, readModels,
                jingzhun.timeZone(), clock, Counter.builder("jingzhun.replay.swap.retries")
                        .description("Swaps rolled back after waiting lock_timeout for a lock, and tried again")
                        .register(meters));
        Gauge.builder("jingzhun.replay.events.done", this, replays -> replays.latest(ReplayStatus::eventsDone))
                .description("Records read by the latest replay").register(meters);
        Gauge.builder("jingzhun.replay.events.total", this, replays -> replays.latest(ReplayStatus::eventsTotal))
                .description("Records the latest replay has to read").register(meters);
        Gauge.builder("jingzhun.replay.running", this, replays -> replays.isRunning() ? 1 : 0)
                .description("1 while a replay runs").register(meters);
    }

    private synchronized double latest(ToLongFunction<ReplayStatus> figure) {
        return running == null ? 0 : figure.applyAsLong(running.status());
    }

    private synchronized boolean isRunning() {
        return running != null && running.isRunning();
    }

    /**
     * Starts a rebuild and returns its id; a conflict (409) while another one runs. With {@code swap}
     * the rebuilt tables replace the live ones; without, they are only compared and dropped.
     */
    synchronized String start(boolean swap) {
        if (isRunning()) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "replay.running",
                    "Replay " + running.id() + " is still running");
        }
        Replay replay = new Replay(UUID.randomUUID().toString(), context, swap);
        replays.put(replay.id(), replay);
        running = replay;
        worker.execute(replay);
        return replay.id();
    }

    /** The latest replay of this instance (running or ended), if one was started since it started. */
    synchronized Optional<ReplayStatus> latest() {
        return Optional.ofNullable(running).map(Replay::status);
    }

    ReplayStatus status(String id) {
        Replay replay = replays.get(id);
        if (replay == null) {
            throw new RuleViolation(RuleViolation.Kind.NOT_FOUND, "replay.not-found", "id", "No replay " + id);
        }
        return replay.status();
    }

    /** Drops the scratch schemas of rebuilds that a stop cut short. */
    @EventListener(ApplicationStartedEvent.class)
    void dropLeftovers() throws SQLException {
        try (Connection connection = context.dataSource().getConnection()) {
            // Another instance's replay holds the lock and its schemas are not left over.
            if (!Replay.tryLock(connection)) {
                log.info("A replay runs on another instance; its schemas stay");
                return;
            }
            try {
                JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
                for (String schema : jdbc.sql("""
                                SELECT nspname FROM pg_namespace
                                WHERE nspname LIKE 'replay\\_%' OR nspname LIKE 'replaced\\_%'""")
                        .query(String.class).list()) {
                    log.info("Dropping schema {} left by an interrupted replay", schema);
                    jdbc.sql("DROP SCHEMA " + Replay.quoted(schema) + " CASCADE").update();
                }
            } finally {
                Replay.unlock(connection);
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
