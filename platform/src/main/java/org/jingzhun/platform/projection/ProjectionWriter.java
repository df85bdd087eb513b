package org.jingzhun.platform.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jingzhun.platform.kafka.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applying records and keeping offsets, in one place for every user of a projector's tables: the live
 * {@link TransactionalProjector}, a rebuild into other tables, and the re-drive of a dead letter.
 *
 * <p>One batch is one transaction: the generation fence is checked first, then each record is decoded and
 * applied once per event id (the id recorded in {@code projector_applied_event} in the same savepoint), each
 * read model in a savepoint of its own so that one failing read model does not take the event from the others;
 * the dead letters are handed over before the offsets move past them, the offsets move forward only, and the
 * {@link BatchHook}s run around the commit.
 */
public final class ProjectionWriter {

    /** Takes a batch's dead letters inside its transaction, before its offsets move past them. */
    @FunctionalInterface
    public interface DeadLetterSink {
        void accept(List<DeadLetter> letters);
    }

    /**
     * What one batch did.
     *
     * @param applied     events applied (fully or by some of the read models)
     * @param duplicates  event ids applied before, ignored
     * @param deadLetters records (or parts) not applied
     */
    public record Outcome(List<ProjectedEvent> applied, long duplicates, List<DeadLetter> deadLetters) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionWriter.class);
    private static final Comparator<TopicPartition> PARTITION_ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final String projector;
    private final Map<String, Projection> readModels = new LinkedHashMap<>();
    private final RecordDecoder decoder;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final List<BatchHook> hooks;

    /**
     * @param projector  the projector's name: the key of its offsets, applied event ids, generation and dead letters
     * @param readModels applied in this order, each in a savepoint of its own; names must differ
     * @param jdbc       the tables written (the live ones, or a rebuild's); {@code transactions} on the same DataSource
     */
    public ProjectionWriter(String projector, List<? extends Projection> readModels, RecordDecoder decoder,
                            JdbcClient jdbc, TransactionTemplate transactions, List<? extends BatchHook> hooks) {
        if (readModels.isEmpty()) {
            throw new IllegalArgumentException("No read model to project into");
        }
        this.projector = projector;
        for (Projection readModel : readModels) {
            if (this.readModels.put(readModel.name(), readModel) != null) {
                throw new IllegalArgumentException("Two read models named " + readModel.name());
            }
        }
        this.decoder = decoder;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.hooks = List.copyOf(hooks);
    }

    public String projector() {
        return projector;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    /**
     * The generation of the tables, in a transaction of its own (creating the row at 0). Read it before the
     * stored offsets: a swap between the two reads then fails the next batch (and rewinds again) instead of
     * letting old offsets pass the fence of new tables.
     */
    public long generation() {
        return Objects.requireNonNull(transactions.execute(status -> {
            jdbc.sql("INSERT INTO projector_generation (projector) VALUES (?) ON CONFLICT DO NOTHING")
                    .param(projector).update();
            return jdbc.sql("SELECT generation FROM projector_generation WHERE projector = ?")
                    .param(projector).query(Long.class).single();
        }));
    }

    /** Each partition's next offset as stored. */
    public Map<TopicPartition, Long> storedOffsets() {
        Map<TopicPartition, Long> stored = new HashMap<>();
        jdbc.sql("SELECT topic, partition_no, next_offset FROM projector_offset WHERE projector = ?")
                .param(projector)
                .query(rs -> {
                    stored.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                });
        return stored;
    }

    /**
     * Applies {@code records} and stores the offsets after them in one transaction, provided the tables are
     * still at {@code generation} ({@link StaleGenerationException} otherwise). The hooks' {@code afterCommit}
     * runs once it committed.
     */
    public Outcome apply(List<ConsumerRecord<String, byte[]>> records, long generation, DeadLetterSink deadLetters) {
        Outcome outcome = Objects.requireNonNull(transactions.execute(status -> {
            fence(generation);
            Map<TopicPartition, Long> nextOffsets = new HashMap<>();
            List<ProjectedEvent> applied = new ArrayList<>();
            List<DeadLetter> letters = new ArrayList<>();
            long duplicates = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                nextOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
                ProjectedEvent event;
                try {
                    event = decoder.decode(record);
                } catch (PoisonRecordException e) {
                    letters.add(new DeadLetter(record, CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID)
                            .orElse(null), e.getMessage(), List.of()));
                    continue;
                }
                switch (applyOnce(status, event, record, readModels.values(), letters)) {
                    case APPLIED -> applied.add(event);
                    case DUPLICATE -> duplicates++;
                    case FAILED -> { }
                }
            }
            if (!letters.isEmpty()) {
                deadLetters.accept(letters);
            }
            storeOffsets(nextOffsets);
            beforeCommit(applied);
            return new Outcome(applied, duplicates, letters);
        }));
        afterCommit(outcome.applied());
        return outcome;
    }

    /**
     * Applies {@code records} as {@link #apply} does, with what {@link #apply} leaves, for large batches: one
     * transaction without a savepoint per record or read model, the event ids recorded (and the duplicates
     * found) by one statement, and each read model handed all of the batch's fresh events at once
     * ({@link Projection#applyAll}). A record that cannot be decoded is dead-lettered as there. Should a read
     * model fail, the transaction is rolled back and the batch is applied again by {@link #apply}, record by
     * record, each in its savepoints, so that a record failing in the database is dead-lettered exactly as
     * there and the others applied. The dead-letter sink is called once, by the attempt that commits.
     */
    public Outcome applyInBulk(List<ConsumerRecord<String, byte[]>> records, long generation,
                               DeadLetterSink deadLetters) {
        return applyInBulk(decode(records), generation, deadLetters);
    }

    /**
     * A batch decoded ahead of its transaction ({@link #decode}), so that a reader can decode the next batch on
     * another thread while this one is written.
     *
     * @param records  the batch as read
     * @param events   its decoded events, the first copy of each event id, in order
     * @param copies   records whose event id came earlier in the batch
     * @param letters  records that cannot be decoded
     */
    public record DecodedBatch(List<ConsumerRecord<String, byte[]>> records, List<ProjectedEvent> events, long copies,
                               List<DeadLetter> letters) {
    }

    /**
     * Decodes a batch for {@link #applyInBulk(DecodedBatch, long, DeadLetterSink)}: CPU only, no database, safe to
     * call on another thread than the one that applies it.
     */
    public DecodedBatch decode(List<ConsumerRecord<String, byte[]>> records) {
        return decode(records, record -> false);
    }

    /**
     * {@link #decode(List)}, leaving out the schema check for the records {@code checkedBefore} names: records the
     * same check let through before ({@link RecordDecoder#decode(ConsumerRecord, boolean)}).
     */
    public DecodedBatch decode(List<ConsumerRecord<String, byte[]>> records,
                               Predicate<ConsumerRecord<String, byte[]>> checkedBefore) {
        List<DeadLetter> letters = new ArrayList<>();
        Map<String, ProjectedEvent> decoded = new LinkedHashMap<>();
        long copies = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                ProjectedEvent event = decoder.decode(record, !checkedBefore.test(record));
                if (decoded.putIfAbsent(event.eventId(), event) != null) {
                    copies++;
                }
            } catch (PoisonRecordException e) {
                letters.add(new DeadLetter(record, CloudEventHeaders.text(record.headers(),
                        CloudEventHeaders.ID).orElse(null), e.getMessage(), List.of()));
            }
        }
        return new DecodedBatch(List.copyOf(records), List.copyOf(decoded.values()), copies, List.copyOf(letters));
    }

    /** {@link #applyInBulk(List, long, DeadLetterSink)} of a batch decoded beforehand. */
    public Outcome applyInBulk(DecodedBatch batch, long generation, DeadLetterSink deadLetters) {
        Outcome outcome;
        try {
            outcome = Objects.requireNonNull(transactions.execute(status -> {
                fence(generation);
                Map<TopicPartition, Long> nextOffsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : batch.records()) {
                    nextOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1,
                            Math::max);
                }
                List<ProjectedEvent> applied = fresh(batch.events());
                long duplicates = batch.copies() + batch.events().size() - applied.size();
                if (!applied.isEmpty()) {
                    for (Projection readModel : readModels.values()) {
                        readModel.applyAll(applied);
                    }
                }
                storeOffsets(nextOffsets);
                beforeCommit(applied);
                if (!batch.letters().isEmpty()) {
                    deadLetters.accept(batch.letters());
                }
                return new Outcome(applied, duplicates, batch.letters());
            }));
        } catch (TransientDataAccessException | DataAccessResourceFailureException | StaleGenerationException e) {
            throw e;
        } catch (RuntimeException e) {
            log.info("Projector {}: a batch of {} records failed as a whole ({}); applying it record by record",
                    projector, batch.records().size(), e.toString());
            return apply(batch.records(), generation, deadLetters);
        }
        afterCommit(outcome.applied());
        return outcome;
    }

    /** Records the events' ids as applied, in one statement; returns those not applied before, in order. */
    private List<ProjectedEvent> fresh(Collection<ProjectedEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        ColumnArrays rows = new ColumnArrays("event_id", "topic", "partition_no", "offset_no");
        events.forEach(event -> rows.add(event.eventId(), event.topic(), event.partition(), event.offset()));
        Set<String> inserted = new HashSet<>(jdbc.sql("INSERT INTO projector_applied_event"
                        + " (projector, event_id, topic, partition_no, offset_no)"
                        + " SELECT ?, e.event_id, e.topic, CAST(e.partition_no AS INT), CAST(e.offset_no AS BIGINT)"
                        + " FROM " + rows.unnest("e") + " ON CONFLICT DO NOTHING RETURNING event_id")
                .params(prepend(projector, rows.parameters()))
                .query(String.class).list());
        return events.stream().filter(event -> inserted.contains(event.eventId())).toList();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /**
     * Applies a record that was dead-lettered and then re-driven live, in a transaction of its own, as the
     * re-drive did. A rebuild calls this for each such record that it dead-lettered too, so that its tables
     * hold what the live ones hold.
     *
     * @param failedHere the read models that failed for it in these tables; empty when none of it was applied
     * @return whether it applied anything (false: it failed here again, and stays left out)
     */
    public boolean applyRedriven(ConsumerRecord<String, byte[]> record, List<String> failedHere, long generation) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            fence(generation);
            ProjectedEvent event;
            try {
                event = decoder.decode(record);
            } catch (PoisonRecordException e) {
                return false;
            }
            if (failedHere.isEmpty()) {
                return applyOnce(status, event, record, readModels.values(), new ArrayList<>()) == Result.APPLIED;
            }
            List<Projection> into = readModels(failedHere);
            Object savepoint = status.createSavepoint();
            Failures failures = applyTo(status, event, into);
            if (into.isEmpty() || failures.names.size() == into.size()) {
                status.rollbackToSavepoint(savepoint);
                return false;
            }
            status.releaseSavepoint(savepoint);
            return true;
        }));
    }

    /**
     * Stores each partition's next offset, only ever forward: an instance that lost a partition during a
     * long batch and commits late must not move it back behind what its new owner committed. One statement for
     * all of them, its rows in the order of topic and partition (two instances storing the same partitions then
     * lock their rows in the same order).
     */
    public void storeOffsets(Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        ColumnArrays rows = new ColumnArrays("topic", "partition_no", "next_offset");
        nextOffsets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(PARTITION_ORDER))
                .forEach(entry -> rows.add(entry.getKey().topic(), entry.getKey().partition(), entry.getValue()));
        jdbc.sql("""
                        INSERT INTO projector_offset (projector, topic, partition_no, next_offset, updated_at)
                        SELECT ?, o.topic, CAST(o.partition_no AS INT), CAST(o.next_offset AS BIGINT), now()
                        FROM %s
                        ON CONFLICT (projector, topic, partition_no)
                        DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()
                        WHERE projector_offset.next_offset <= EXCLUDED.next_offset""".formatted(rows.unnest("o")))
                .params(prepend(projector, rows.parameters()))
                .update();
    }

    /**
     * The first statement of every transaction that writes the tables: the share lock orders it against a
     * swap's bump (which waits for it, or it for the bump) before it touches any table.
     */
    void fence(long generation) {
        Long current = jdbc.sql("SELECT generation FROM projector_generation WHERE projector = ? FOR SHARE")
                .param(projector).query(Long.class).optional().orElse(0L);
        if (current != generation) {
            throw new StaleGenerationException(projector, generation, current);
        }
    }

    /** The current generation, share-locked for the rest of the transaction (a re-drive's fence). */
    long lockGeneration() {
        return jdbc.sql("SELECT generation FROM projector_generation WHERE projector = ? FOR SHARE")
                .param(projector).query(Long.class).optional().orElse(0L);
    }

    enum Result { APPLIED, DUPLICATE, FAILED }

    /**
     * Applies one event once per event id to {@code into}; a failure of some read models parks the record
     * for those, of all of them (or of the id's bookkeeping) parks it whole and leaves no trace of it.
     */
    Result applyOnce(TransactionStatus status, ProjectedEvent event, ConsumerRecord<String, byte[]> record,
                     Collection<Projection> into, List<DeadLetter> letters) {
        Object savepoint = status.createSavepoint();
        try {
            int fresh = jdbc.sql("""
                            INSERT INTO projector_applied_event (projector, event_id, topic, partition_no, offset_no)
                            VALUES (?, ?, ?, ?, ?)
                            ON CONFLICT DO NOTHING""")
                    .params(projector, event.eventId(), record.topic(), record.partition(), record.offset())
                    .update();
            if (fresh == 0) {
                status.releaseSavepoint(savepoint);
                return Result.DUPLICATE;
            }
            Failures failures = applyTo(status, event, into);
            if (failures.names.size() == into.size()) {
                status.rollbackToSavepoint(savepoint);
                letters.add(new DeadLetter(record, event.eventId(), failures.reason(), List.of()));
                return Result.FAILED;
            }
            status.releaseSavepoint(savepoint);
            if (!failures.names.isEmpty()) {
                letters.add(new DeadLetter(record, event.eventId(), failures.reason(), failures.names));
            }
            return Result.APPLIED;
        } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
            throw e;
        } catch (RuntimeException e) {
            status.rollbackToSavepoint(savepoint);
            letters.add(new DeadLetter(record, event.eventId(), "projection failed: " + e, List.of()));
            return Result.FAILED;
        }
    }

    /** Applies the event to each read model in a savepoint of its own; returns those that failed. */
    Failures applyTo(TransactionStatus status, ProjectedEvent event, Collection<Projection> into) {
        Failures failures = new Failures();
        boolean alone = into.size() == 1;
        for (Projection readModel : into) {
            // One read model alone needs no savepoint of its own: the event's savepoint is it.
            Object savepoint = alone ? null : status.createSavepoint();
            try {
                readModel.apply(event);
                if (savepoint != null) {
                    status.releaseSavepoint(savepoint);
                }
            } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
                throw e;
            } catch (RuntimeException e) {
                if (savepoint != null) {
                    status.rollbackToSavepoint(savepoint);
                }
                log.error("Projector {}: read model {} cannot apply {} {}", projector, readModel.name(),
                        event.type().name(), event.eventId(), e);
                failures.add(readModel.name(), e);
            }
        }
        return failures;
    }

    /** The read models of this writer with these names (unknown names are left out). */
    List<Projection> readModels(List<String> names) {
        return names.stream().map(readModels::get).filter(Objects::nonNull).toList();
    }

    Collection<Projection> readModels() {
        return readModels.values();
    }

    RecordDecoder decoder() {
        return decoder;
    }

    void beforeCommit(List<ProjectedEvent> applied) {
        if (applied.isEmpty()) {
            return;
        }
        ProjectedBatch batch = new ProjectedBatch(projector, applied);
        for (BatchHook hook : hooks) {
            hook.beforeCommit(batch);
        }
    }

    void afterCommit(List<ProjectedEvent> applied) {
        if (applied.isEmpty()) {
            return;
        }
        ProjectedBatch batch = new ProjectedBatch(projector, applied);
        for (BatchHook hook : hooks) {
            try {
                hook.afterCommit(batch);
            } catch (RuntimeException e) {
                log.warn("Projector {}: a hook failed after a commit", projector, e);
            }
        }
    }

    /** The read models that failed for one event, and why. */
    static final class Failures {
        final List<String> names = new ArrayList<>();
        private final StringBuilder reasons = new StringBuilder();

        void add(String name, RuntimeException e) {
            names.add(name);
            if (!reasons.isEmpty()) {
                reasons.append("; ");
            }
            reasons.append("projection failed in ").append(name).append(": ").append(e);
        }

        String reason() {
            return reasons.toString();
        }
    }
}
