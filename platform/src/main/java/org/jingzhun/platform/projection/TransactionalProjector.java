package org.jingzhun.platform.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jingzhun.contracts.Topics;
import org.jingzhun.platform.kafka.CloudEventHeaders;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes event topics into read models, exactly once: each poll's records are applied and each
 * partition's next offset stored in one PostgreSQL transaction ({@link ProjectionWriter}); on assignment,
 * and after any failed transaction, the consumer seeks back to the stored offsets. An event id already
 * applied is skipped (the relay may deliver twice). A poison record goes to {@code <topic>.dlt} with the
 * reason in a header and to {@code projector_dead_letter} (listed and re-driven from there), and the
 * partition keeps flowing.
 *
 * <p>Several instances of a service share the partitions (one consumer group). Offsets only move forward,
 * and every transaction checks the generation fence, so an instance still writing into tables that a
 * replay replaced fails, rewinds and re-reads into the new ones.
 *
 * <p>It is its own health indicator: DOWN when its thread died, when a poll round has not finished for
 * {@link ProjectorSettings#stuckAfter()}, or when records wait and none was committed for that long. Any
 * {@code Throwable} in its thread ({@code Error}s included) rolls the batch back and restarts the loop.
 */
public class TransactionalProjector implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(TransactionalProjector.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String name;
    private final List<String> topics;
    private final ProjectionWriter writer;
    private final DeadLetters deadLetters;
    private final KafkaClients kafka;
    private final ProjectorSettings settings;
    private final MeterRegistry meters;
    private final Counter duplicates;
    private final Counter failures;
    private final Counter restarts;
    private final Counter bulkBatches;
    private final Counter recordBatches;
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
    private final AtomicLong projected = new AtomicLong();

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private volatile Thread worker;
    /** The generation of the tables when the consumer last sought to their offsets. */
    private volatile long generation = -1;
    private volatile long totalLag;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile long lastRoundNanos = System.nanoTime();
    private volatile long lastPruneNanos = System.nanoTime();
    private volatile String lastError;

    /** A projector into one read model, without batch hooks, with the default settings. */
    public TransactionalProjector(String name, List<String> topics, Projection projection, RecordDecoder decoder,
                                  KafkaClients kafka, JdbcClient jdbc, TransactionTemplate transactions,
                                  MeterRegistry meters) {
        this(name, topics, List.of(projection), List.of(), decoder, kafka, jdbc, transactions, meters,
                ProjectorSettings.defaults());
    }

    /**
     * @param readModels each applied in a savepoint of its own, in this order
     * @param hooks      run once per transaction that applied something (before and after its commit)
     */
    public TransactionalProjector(String name, List<String> topics, List<? extends Projection> readModels,
                                  List<? extends BatchHook> hooks, RecordDecoder decoder, KafkaClients kafka,
                                  JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters,
                                  ProjectorSettings settings) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.writer = new ProjectionWriter(name, readModels, decoder, jdbc, transactions, hooks);
        this.deadLetters = new DeadLetters(jdbc);
        this.kafka = kafka;
        this.settings = settings;
        this.meters = meters;
        this.duplicates = Counter.builder("jingzhun.projection.duplicates")
                .description("Redelivered events ignored").tag("projector", name).register(meters);
        this.failures = Counter.builder("jingzhun.projection.failures")
                .description("Batches rolled back and retried").tag("projector", name).register(meters);
        this.restarts = Counter.builder("jingzhun.projection.restarts")
                .description("Projector loops restarted after an unexpected Throwable").tag("projector", name)
                .register(meters);
        this.bulkBatches = batches("bulk");
        this.recordBatches = batches("record");
        for (String topic : this.topics) {
            Gauge.builder("jingzhun.projection.dead.letters.parked", this, projector -> projector.parked(topic))
                    .description("Dead letters parked, waiting for a fix and a re-drive")
                    .tag("projector", name).tag("topic", topic).register(meters);
            // At zero from the start, so that rates and alerts see the series before its first dead letter.
            deadLettered(topic);
        }
    }

    private Counter batches(String mode) {
        return Counter.builder("jingzhun.projection.batches")
                .description("Transactions of applied records: bulk (a backlog, set-based) or record by record")
                .tag("projector", name).tag("mode", mode).register(meters);
    }

    private Counter deadLettered(String topic) {
        return Counter.builder("jingzhun.projection.dead.lettered").description("Records sent to a dead-letter topic")
                .tag("projector", name).tag("topic", topic).register(meters);
    }

    /** Events applied by this projector since it started. */
    public long projectedSinceStart() {
        return projected.get();
    }

    /** The projector's name: its consumer group and the key of its stored offsets. */
    public String name() {
        return name;
    }

    /** Where it applies records and keeps offsets; a rebuild uses a writer of its own on other tables. */
    public ProjectionWriter writer() {
        return writer;
    }

    /** Its dead letters. */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        lastProgressNanos = System.nanoTime();
        lastRoundNanos = System.nanoTime();
        startWorker();
    }

    private synchronized void startWorker() {
        Thread thread = new Thread(this::supervise, "projector-" + name);
        thread.setDaemon(true);
        // Belt and braces: should the loop itself die, a new thread takes over (health is DOWN meanwhile).
        thread.setUncaughtExceptionHandler((dead, e) -> {
            log.error("Projector {} thread died; starting a new one", name, e);
            restarts.increment();
            synchronized (this) {
                if (running && worker == dead) {
                    startWorker();
                }
            }
        });
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        long now = System.nanoTime();
        Health.Builder health = Health.up();
        if (!running) {
            return health.withDetail("state", "stopped").build();
        }
        Thread thread = worker;
        Duration sinceRound = Duration.ofNanos(now - lastRoundNanos);
        Duration sinceProgress = Duration.ofNanos(now - lastProgressNanos);
        if (thread == null || !thread.isAlive()) {
            health = Health.down().withDetail("reason", "the projector thread died");
        } else if (sinceRound.compareTo(settings.stuckAfter()) > 0) {
            health = Health.down().withDetail("reason", "a poll round has not finished for " + sinceRound.toSeconds() + " s");
        } else if (totalLag > 0 && sinceProgress.compareTo(settings.stuckAfter()) > 0) {
            health = Health.down().withDetail("reason", totalLag + " records wait and none was committed for "
                    + sinceProgress.toSeconds() + " s");
        }
        health.withDetail("lag", totalLag)
                .withDetail("lastProgress", Instant.now().minus(sinceProgress).toString())
                .withDetail("restarts", (long) restarts.count());
        if (lastError != null) {
            health.withDetail("lastError", lastError);
        }
        return health.build();
    }

    /** Runs the loop; any Throwable (an Error too) restarts it with new clients, after a back-off. */
    private void supervise() {
        int attempt = 0;
        while (running) {
            try {
                run();
            } catch (Throwable e) {
                if (!running) {
                    break;
                }
                restarts.increment();
                lastError = e.toString();
                log.error("Projector {} failed with {}; restarting its loop", name, e.getClass().getName(), e);
                backOff(++attempt);
            }
        }
    }

    private void run() {
        int attempt = 0;
        while (running) {
            try (Producer<String, byte[]> dlt = kafka.producer("jingzhun-" + name + "-dlt");
                 Consumer<String, byte[]> kafkaConsumer = kafka.consumer("jingzhun-" + name, "jingzhun-" + name)) {
                List<String> all = new ArrayList<>(topics);
                topics.forEach(topic -> all.add(Topics.deadLetter(topic)));
                new TopicProvisioner(kafka).ensureTopics(all);
                consumer = kafkaConsumer;
                kafkaConsumer.subscribe(topics, new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        // Offsets live in PostgreSQL with the projection: nothing to commit here.
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        rewind(kafkaConsumer);
                    }
                });
                while (running) {
                    try {
                        ConsumerRecords<String, byte[]> records = kafkaConsumer.poll(POLL_TIMEOUT);
                        if (!records.isEmpty()) {
                            project(records, dlt);
                            lastProgressNanos = System.nanoTime();
                        }
                        recordLag(kafkaConsumer);
                        pruneWhenDue();
                        attempt = 0;
                    } catch (WakeupException e) {
                        if (running) {
                            throw e;
                        }
                    } catch (StaleGenerationException e) {
                        // A replay swapped the tables: not a failure, go on from the new tables' offsets.
                        log.info("Projector {}: {}; rewinding to the new tables' offsets", name, e.getMessage());
                        rewind(kafkaConsumer);
                    } catch (RuntimeException e) {
                        failures.increment();
                        lastError = e.toString();
                        log.warn("Projector {} rolled back a batch; rewinding to the stored offsets and retrying", name, e);
                        rewind(kafkaConsumer);
                        backOff(++attempt);
                    } finally {
                        lastRoundNanos = System.nanoTime();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Projector {} lost its Kafka client; reconnecting", name, e);
                    backOff(++attempt);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void project(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> dlt) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        ProjectionWriter.DeadLetterSink sink = letters -> deadLetter(letters, dlt);
        ProjectionWriter.Outcome outcome;
        if (batch.size() >= settings.bulkFrom()) {
            // A backlog: set-based, one transaction; a failing batch falls back to record by record inside.
            outcome = writer.applyInBulk(batch, generation, sink);
            bulkBatches.increment();
        } else {
            outcome = writer.apply(batch, generation, sink);
            recordBatches.increment();
        }
        duplicates.increment(outcome.duplicates());
        projected.addAndGet(outcome.applied().size());
        for (ProjectedEvent event : outcome.applied()) {
            Counter.builder("jingzhun.projection.events").description("Events projected, by type")
                    .tag("projector", name).tag("type", event.type().name()).register(meters).increment();
        }
        for (DeadLetter letter : outcome.deadLetters()) {
            deadLettered(letter.record().topic()).increment();
        }
    }

    /**
     * Parks the letters in {@code projector_dead_letter} and sends the new ones to the dead-letter topics;
     * both are done before the offsets move past them, so none is lost.
     */
    private void deadLetter(List<DeadLetter> letters, Producer<String, byte[]> dlt) {
        for (DeadLetter letter : deadLetters.record(name, letters)) {
            ProducerRecord<String, byte[]> copy = toDeadLetterTopic(letter);
            try {
                dlt.send(copy).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot dead-letter a record of " + letter.record().topic(), e);
            }
        }
    }

    private ProducerRecord<String, byte[]> toDeadLetterTopic(DeadLetter letter) {
        ConsumerRecord<String, byte[]> record = letter.record();
        log.warn("Projector {}: dead-lettering {}-{}@{}{}: {}", name, record.topic(), record.partition(),
                record.offset(), letter.partial() ? " for " + letter.readModels() : "", letter.reason());
        ProducerRecord<String, byte[]> copy = new ProducerRecord<>(Topics.deadLetter(record.topic()), null,
                record.key(), record.value(), record.headers());
        CloudEventHeaders.put(copy.headers(), CloudEventHeaders.DLT_REASON, letter.reason());
        CloudEventHeaders.put(copy.headers(), "jingzhun_dlt_origin",
                record.topic() + "-" + record.partition() + "@" + record.offset());
        if (letter.partial()) {
            CloudEventHeaders.put(copy.headers(), "jingzhun_dlt_read_models", String.join(",", letter.readModels()));
        }
        return copy;
    }

    /**
     * Re-applies a parked dead letter through the same path as a polled record (decoder, an event id once,
     * each read model in its savepoint, the batch hooks), in one transaction that also marks it re-driven:
     * applied exactly once however often it is asked. Ordered against a swap by the generation's share lock.
     */
    public RedriveResult redrive(long id) {
        List<ProjectedEvent> applied = new ArrayList<>();
        RedriveResult result = Objects.requireNonNull(writer.transactions().execute(status -> {
            writer.lockGeneration();
            var parked = deadLetters.lockForRedrive(name, id).orElse(null);
            if (parked == null) {
                return new RedriveResult(RedriveResult.Outcome.NOT_FOUND, null);
            }
            if (!DeadLetters.PARKED.equals(parked.status())) {
                return new RedriveResult(RedriveResult.Outcome.ALREADY_REDRIVEN, null);
            }
            ProjectedEvent event;
            try {
                event = writer.decoder().decode(parked.record());
            } catch (PoisonRecordException e) {
                deadLetters.stillFailing(id, e.getMessage(), null);
                return new RedriveResult(RedriveResult.Outcome.STILL_FAILING, e.getMessage());
            }
            if (parked.readModels().isEmpty()) {
                List<DeadLetter> letters = new ArrayList<>();
                switch (writer.applyOnce(status, event, parked.record(), writer.readModels(), letters)) {
                    case DUPLICATE -> {
                        deadLetters.redriven(id);
                        return new RedriveResult(RedriveResult.Outcome.REDRIVEN, "event " + event.eventId()
                                + " was applied already");
                    }
                    case FAILED -> {
                        deadLetters.stillFailing(id, letters.get(0).reason(), null);
                        return new RedriveResult(RedriveResult.Outcome.STILL_FAILING, letters.get(0).reason());
                    }
                    case APPLIED -> applied.add(event);
                }
                if (!letters.isEmpty()) {
                    writer.beforeCommit(applied);
                    deadLetters.stillFailing(id, letters.get(0).reason(), letters.get(0).readModels());
                    return new RedriveResult(RedriveResult.Outcome.STILL_FAILING, letters.get(0).reason());
                }
            } else {
                var into = writer.readModels(parked.readModels());
                Object savepoint = status.createSavepoint();
                ProjectionWriter.Failures failed = writer.applyTo(status, event, into);
                if (!into.isEmpty() && failed.names.size() == into.size()) {
                    status.rollbackToSavepoint(savepoint);
                    deadLetters.stillFailing(id, failed.reason(), failed.names);
                    return new RedriveResult(RedriveResult.Outcome.STILL_FAILING, failed.reason());
                }
                status.releaseSavepoint(savepoint);
                applied.add(event);
                if (!failed.names.isEmpty()) {
                    writer.beforeCommit(applied);
                    deadLetters.stillFailing(id, failed.reason(), failed.names);
                    return new RedriveResult(RedriveResult.Outcome.STILL_FAILING, failed.reason());
                }
            }
            writer.beforeCommit(applied);
            deadLetters.redriven(id);
            return new RedriveResult(RedriveResult.Outcome.REDRIVEN, null);
        }));
        writer.afterCommit(applied);
        if (result.outcome() == RedriveResult.Outcome.REDRIVEN) {
            log.info("Projector {}: dead letter {} re-driven", name, id);
        }
        return result;
    }

    /**
     * Prunes applied event ids that can no longer protect against anything. An id is there to recognise a
     * redelivery: the relay re-sends, after a crash, what it had sent but not yet recorded as sent, under the
     * same key, so on the same partition at a later offset, soon after the first copy. The record itself is
     * never read again (the consumer seeks to stored offsets, which only move forward). So an id is kept while
     * fewer than {@code keepAppliedRecords} records were committed after it on its partition <em>or</em> it is
     * younger than {@code keepAppliedFor}; once both are past it is deleted. Rows without a position (from
     * before V1_20) are kept.
     */
    public int pruneAppliedEvents() {
        return writer.jdbc().sql("""
                        DELETE FROM projector_applied_event a USING projector_offset o
                        WHERE a.projector = :projector AND o.projector = a.projector AND o.topic = a.topic
                          AND o.partition_no = a.partition_no AND a.offset_no < o.next_offset - :keep
                          AND a.applied_at < now() - make_interval(secs => :age)""")
                .param("projector", name)
                .param("keep", settings.keepAppliedRecords())
                .param("age", (double) settings.keepAppliedFor().toMillis() / 1000)
                .update();
    }

    private void pruneWhenDue() {
        if (System.nanoTime() - lastPruneNanos < settings.pruneEvery().toNanos()) {
            return;
        }
        lastPruneNanos = System.nanoTime();
        try {
            int pruned = pruneAppliedEvents();
            if (pruned > 0) {
                log.info("Projector {} pruned {} applied event ids", name, pruned);
            }
        } catch (RuntimeException e) {
            log.warn("Projector {} could not prune applied event ids; next round tries again", name, e);
        }
    }

    /**
     * Seeks every assigned partition to its stored offset, having read the generation first (see
     * {@link ProjectionWriter#generation()}). All of them, not just newly assigned ones: after a swap every
     * position belongs to the old tables.
     */
    private void rewind(Consumer<String, byte[]> kafkaConsumer) {
        Collection<TopicPartition> partitions = kafkaConsumer.assignment();
        generation = writer.generation();
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = writer.storedOffsets();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition);
            if (offset == null) {
                fromStart.add(partition);
            } else {
                kafkaConsumer.seek(partition, offset);
            }
        }
        if (!fromStart.isEmpty()) {
            kafkaConsumer.seekToBeginning(fromStart);
        }
    }

    private void recordLag(Consumer<String, byte[]> kafkaConsumer) {
        long sum = 0;
        for (TopicPartition partition : kafkaConsumer.assignment()) {
            var current = kafkaConsumer.currentLag(partition);
            if (current.isEmpty()) {
                continue;
            }
            long value = current.getAsLong();
            sum += value;
            lag.computeIfAbsent(partition, p -> {
                AtomicLong holder = new AtomicLong();
                Gauge.builder("jingzhun.projection.lag", holder, AtomicLong::get)
                        .description("Records not yet projected").tag("projector", name)
                        .tag("topic", p.topic()).tag("partition", Integer.toString(p.partition()))
                        .register(meters);
                return holder;
            }).set(value);
        }
        totalLag = sum;
        if (sum == 0) {
            lastProgressNanos = System.nanoTime();
        }
    }

    private double parked(String topic) {
        try {
            return deadLetters.parked(name, topic);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void backOff(int attempt) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(attempt, 10));
        try {
            // Retry pacing after a failure, not a wait for asynchronous work.
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
