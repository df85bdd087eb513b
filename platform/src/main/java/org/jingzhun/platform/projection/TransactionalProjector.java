package org.jingzhun.platform.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes event topics into a {@link Projection}, exactly once: each poll's records are applied and
 * each partition's next offset stored in one PostgreSQL transaction; on assignment, and after any
 * failed transaction, the consumer seeks back to the stored offsets. An event id already applied is
 * skipped (the relay may deliver twice). A poison record goes to {@code <topic>.dlt} with the reason
 * in a header, and the partition keeps flowing.
 */
public class TransactionalProjector implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransactionalProjector.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final String name;
    private final List<String> topics;
    private final Projection projection;
    private final RecordDecoder decoder;
    private final KafkaClients kafka;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Counter deadLettered;
    private final Counter duplicates;
    private final Counter failures;
    private final Map<TopicPartition, AtomicLong> lag = new ConcurrentHashMap<>();
    private final AtomicLong projected = new AtomicLong();

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread worker;

    public TransactionalProjector(String name, List<String> topics, Projection projection, RecordDecoder decoder,
                                  KafkaClients kafka, JdbcClient jdbc, TransactionTemplate transactions,
                                  MeterRegistry meters) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.projection = projection;
        this.decoder = decoder;
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.deadLettered = Counter.builder("jingzhun.projection.dead.lettered")
                .description("Poison records sent to a dead-letter topic").tag("projector", name).register(meters);
        this.duplicates = Counter.builder("jingzhun.projection.duplicates")
                .description("Redelivered events ignored").tag("projector", name).register(meters);
        this.failures = Counter.builder("jingzhun.projection.failures")
                .description("Batches rolled back and retried").tag("projector", name).register(meters);
    }

    /** Events applied by this projector since it started. */
    public long projectedSinceStart() {
        return projected.get();
    }

    /** The projector's name: its consumer group and the key of its stored offsets. */
    public String name() {
        return name;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "projector-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (worker != null) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        int attempt = 0;
        while (running) {
            try (Producer<String, byte[]> deadLetters = kafka.producer("jingzhun-" + name + "-dlt");
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
                        seekToStoredOffsets(kafkaConsumer, partitions);
                    }
                });
                while (running) {
                    try {
                        ConsumerRecords<String, byte[]> records = kafkaConsumer.poll(POLL_TIMEOUT);
                        if (!records.isEmpty()) {
                            project(records, deadLetters);
                        }
                        recordLag(kafkaConsumer);
                        attempt = 0;
                    } catch (WakeupException e) {
                        if (running) {
                            throw e;
                        }
                    } catch (RuntimeException e) {
                        failures.increment();
                        log.warn("Projector {} rolled back a batch; rewinding to the stored offsets and retrying", name, e);
                        seekToStoredOffsets(kafkaConsumer, kafkaConsumer.assignment());
                        backOff(++attempt);
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

    private void project(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> deadLetters) {
        long applied = transactions.execute(status -> {
            Map<TopicPartition, Long> nextOffsets = new HashMap<>();
            List<ProducerRecord<String, byte[]>> poison = new ArrayList<>();
            long count = 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                nextOffsets.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                ProjectedEvent event;
                try {
                    event = decoder.decode(record);
                } catch (PoisonRecordException e) {
                    poison.add(deadLetter(record, e.getMessage()));
                    continue;
                }
                if (applyOnce(status, event, record, poison)) {
                    count++;
                }
            }
            // Dead letters are acknowledged before the offsets move past them: none is lost.
            for (ProducerRecord<String, byte[]> letter : poison) {
                try {
                    deadLetters.send(letter).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot dead-letter a record of " + letter.topic(), e);
                }
            }
            nextOffsets.forEach((partition, offset) -> jdbc.sql("""
                            INSERT INTO projector_offset (projector, topic, partition_no, next_offset, updated_at)
                            VALUES (?, ?, ?, ?, now())
                            ON CONFLICT (projector, topic, partition_no)
                            DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()""")
                    .params(name, partition.topic(), partition.partition(), offset).update());
            deadLettered.increment(poison.size());
            return count;
        });
        projected.addAndGet(applied);
    }

    private boolean applyOnce(TransactionStatus status, ProjectedEvent event, ConsumerRecord<String, byte[]> record,
                              List<ProducerRecord<String, byte[]>> poison) {
        Object savepoint = status.createSavepoint();
        try {
            int fresh = jdbc.sql("""
                            INSERT INTO projector_applied_event (projector, event_id) VALUES (?, ?)
                            ON CONFLICT DO NOTHING""")
                    .params(name, event.eventId()).update();
            if (fresh == 0) {
                duplicates.increment();
                status.releaseSavepoint(savepoint);
                return false;
            }
            projection.apply(event);
            status.releaseSavepoint(savepoint);
            Counter.builder("jingzhun.projection.events").description("Events projected, by type")
                    .tag("projector", name).tag("type", event.type().name()).register(meters).increment();
            return true;
        } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
            throw e;
        } catch (RuntimeException e) {
            // Only this record's writes are undone; it goes to the dead-letter topic.
            status.rollbackToSavepoint(savepoint);
            log.error("Projector {} cannot apply {} {}; dead-lettering it", name, event.type().name(), event.eventId(), e);
            poison.add(deadLetter(record, "projection failed: " + e));
            return false;
        }
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        log.warn("Poison record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.deadLetter(record.topic()), null,
                record.key(), record.value(), record.headers());
        CloudEventHeaders.put(letter.headers(), CloudEventHeaders.DLT_REASON, reason);
        CloudEventHeaders.put(letter.headers(), "jingzhun_dlt_origin",
                record.topic() + "-" + record.partition() + "@" + record.offset());
        return letter;
    }

    private void seekToStoredOffsets(Consumer<String, byte[]> kafkaConsumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = new HashMap<>();
        jdbc.sql("SELECT topic, partition_no, next_offset FROM projector_offset WHERE projector = ?")
                .param(name)
                .query((rs, row) -> stored.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3)))
                .list();
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
        for (TopicPartition partition : kafkaConsumer.assignment()) {
            kafkaConsumer.currentLag(partition).ifPresent(value -> lag.computeIfAbsent(partition, p -> {
                AtomicLong holder = new AtomicLong();
                Gauge.builder("jingzhun.projection.lag", holder, AtomicLong::get)
                        .description("Records not yet projected").tag("projector", name)
                        .tag("topic", p.topic()).tag("partition", Integer.toString(p.partition()))
                        .register(meters);
                return holder;
            }).set(value));
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
