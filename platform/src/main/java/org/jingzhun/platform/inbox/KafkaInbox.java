package org.jingzhun.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.jingzhun.platform.security.Role;
import org.jingzhun.platform.web.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Kafka inbox: consumes {@code jingzhun.<service>.inbox} (CloudEvents 1.0, binary mode) into the
 * {@link Inbox}, exactly once: each record's dedup row, the events its command appended and its
 * partition's next offset commit in one PostgreSQL transaction; on assignment, and after a failure,
 * the consumer seeks back to the stored offsets. A refused CloudEvent (not a CloudEvent,
 * unknown type, invalid data, against the rules) goes to {@code <inbox>.dlt} with its original headers
 * and {@code jingzhun_dlt_reason} (the problem details as JSON), and the partition keeps flowing.
 */
public class KafkaInbox implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaInbox.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** The code of a refusal that is a race with another writer, retried rather than dead-lettered. */
    private static final String CONCURRENT = "concurrent-modification";

    private final Inbox inbox;
    private final String topic;
    private final String clientId;
    private final KafkaClients kafka;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final ObjectMapper json = new ObjectMapper();
    private final Counter failures;
    /** False with {@code jingzhun.inbox.kafka.enabled=false}: the inbox then takes CloudEvents over HTTP only. */
    private final boolean autoStartup;

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread worker;
    /** Records the partitions of a poll side by side (one thread each, as many as the topic's partitions at most). */
    private final ExecutorService partitionWorkers;

    public KafkaInbox(Inbox inbox, String serviceName, KafkaClients kafka, JdbcClient jdbc,
                      TransactionTemplate transactions, MeterRegistry meters, boolean autoStartup) {
        this.inbox = inbox;
        this.autoStartup = autoStartup;
        this.topic = inbox.routes().topic();
        this.clientId = serviceName + "-inbox";
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        AtomicInteger threads = new AtomicInteger();
        this.partitionWorkers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "inbox-" + topic + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.failures = Counter.builder("jingzhun.inbox.failures")
                .description("Inbox batches rolled back and retried").tag("inbox", topic).register(meters);
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "inbox-" + topic);
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
            try (Producer<String, byte[]> deadLetters = kafka.producer(clientId + "-dlt");
                 Consumer<String, byte[]> kafkaConsumer = kafka.consumer(clientId, "jingzhun-" + clientId)) {
                new TopicProvisioner(kafka).ensureTopics(List.of(topic, Topics.deadLetter(topic)));
                consumer = kafkaConsumer;
                kafkaConsumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        // Offsets live in PostgreSQL with what they recorded: nothing to commit here.
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
                            receive(records, deadLetters);
                        }
                        attempt = 0;
                    } catch (WakeupException e) {
                        if (running) {
                            throw e;
                        }
                    } catch (RuntimeException e) {
                        failures.increment();
                        log.warn("Inbox {} rolled back a batch; rewinding to the stored offsets and retrying", topic, e);
                        seekToStoredOffsets(kafkaConsumer, kafkaConsumer.assignment());
                        backOff(++attempt);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Inbox {} lost its Kafka client; reconnecting", topic, e);
                    backOff(++attempt);
                }
            } finally {
                consumer = null;
            }
        }
    }

    /**
     * One transaction per partition of a poll, the partitions side by side: every record's dedup row, the
     * events its command appended and the partition's next offset commit together (one WAL flush for up to
     * {@code max.poll.records} CloudEvents). The dedup rows of the transaction's records are claimed with one
     * statement and their recorded ids kept with one more ({@link Inbox.Claims}); the commands' aggregates and
     * hash-chain heads (platform axon {@code TransactionAggregateCache}) and the registry's answers
     * ({@code RegistryAnswers}: a registry change arriving during the poll applies from the next one) are kept
     * for the transaction, so a record of an organization met earlier in the poll costs about one event-store
     * insert.
     * A record refused before the transaction (not a CloudEvent, unknown type, invalid data) is dead-lettered
     * just before that commit. A record refused inside it (a rule of the domain) is dead-lettered and its offset
     * stored once the records before it are recorded ({@link GroupCommit}): every commit holds offsets, dedup
     * rows and facts that agree.
     */
    private void receive(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> deadLetters) {
        List<TopicPartition> partitions = new ArrayList<>(records.partitions());
        if (partitions.size() == 1) {
            receive(records.records(partitions.get(0)), deadLetters);
            return;
        }
        // Partitions side by side, each in a transaction of its own: a command spends most of its time
        // waiting for PostgreSQL, and the partitions' facts (key = organization) touch different aggregates.
        List<Future<?>> running = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            running.add(partitionWorkers.submit(() -> receive(records.records(partition), deadLetters)));
        }
        RuntimeException failure = null;
        for (Future<?> partition : running) {
            try {
                partition.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WakeupException();
            }
        }
        if (failure != null) {
            // The partitions that committed stored their offsets; the rewind takes the others back.
            throw failure;
        }
    }

    /** The records of one partition, in order. */
    private void receive(List<ConsumerRecord<String, byte[]>> batch, Producer<String, byte[]> deadLetters) {
        List<Object> accepted = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, byte[]> record : batch) {
            accepted.add(accept(record));
        }
        Map<Integer, ProblemDetail> refused = new HashMap<>();
        GroupCommit.run(batch.size(), (from, limit, share) -> commit(batch, accepted, from, limit, share, refused,
                        deadLetters),
                index -> refuse(batch.get(index), refused.remove(index), deadLetters));
    }

    /** The record as an event past the inbox's checks that need no database, or the problem refusing it. */
    private Object accept(ConsumerRecord<String, byte[]> record) {
        try {
            return inbox.accept(KafkaMessageFactory.createReader(record).toEvent());
        } catch (CloudEventRWException | IllegalStateException e) {
            String message = e.getMessage() == null ? "not a CloudEvent" : e.getMessage();
            return countedRejection(InboxProblems.reject(HttpStatus.BAD_REQUEST, "inbox.invalid-cloudevent",
                    "cloudevent", "Not a valid CloudEvent 1.0 in binary mode: " + message));
        } catch (InboxRejection rejection) {
            return countedRejection(rejection);
        }
    }

    private ProblemDetail countedRejection(InboxRejection rejection) {
        inbox.count(InboxStatus.REJECTED.name(), rejection.code());
        return rejection.problem();
    }

    /**
     * Records {@code batch[from, limit)} in one transaction with the partitions' next offsets, dead-lettering
     * the records refused beforehand just before the commit. Returns -1 when committed, or the index of the
     * first record refused inside the transaction (then nothing was committed, and its problem is in
     * {@code refused}).
     */
    private int commit(List<ConsumerRecord<String, byte[]>> batch, List<Object> accepted, int from, int limit,
                       boolean share, Map<Integer, ProblemDetail> refused, Producer<String, byte[]> deadLetters) {
        InboxReceipt[] receipts;
        try {
            receipts = transactions.execute(status -> {
                InboxReceipt[] recorded = inbox.recordInTransaction(accepted, from, limit, share, this::recordAsPublisher,
                        (index, rejection) -> refused.put(index, rejection.problem()));
                Map<TopicPartition, Long> next = new LinkedHashMap<>();
                for (int i = from; i < limit; i++) {
                    ConsumerRecord<String, byte[]> record = batch.get(i);
                    if (accepted.get(i) instanceof ProblemDetail problem) {
                        sendDeadLetter(record, problem, deadLetters);
                    }
                    next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                next.forEach(this::storeOffset);
                return recorded;
            });
        } catch (GroupCommit.Refused refusal) {
            return refusal.index;
        }
        inbox.countRecorded(receipts);
        return -1;
    }

    /** Dead-letters a record refused inside a transaction, then stores the offset past it. */
    private void refuse(ConsumerRecord<String, byte[]> record, ProblemDetail problem,
                        Producer<String, byte[]> deadLetters) {
        sendDeadLetter(record, problem, deadLetters);
        transactions.executeWithoutResult(status -> storeOffset(record));
    }

    private void sendDeadLetter(ConsumerRecord<String, byte[]> record, ProblemDetail problem,
                                Producer<String, byte[]> deadLetters) {
        try {
            deadLetters.send(deadLetter(record, problem)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering a record of " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot dead-letter a record of " + topic, e);
        }
    }

    /**
     * A record on the inbox topic comes from a publisher the broker let write there: it is recorded as that
     * publisher's, county-wide (the topic's ACLs say who may publish, see docker/kafka-sasl-acl.yml), the
     * CloudEvent's source standing as the actor, as the HTTP inbox records a {@code PUBLISHER} account's.
     * A concurrent change of the same aggregate is not the event's fault: it is a failure, retried.
     */
    private InboxReceipt recordAsPublisher(Inbox.Accepted event, Inbox.Claims claims) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(event.source(),
                null, List.of(new SimpleGrantedAuthority(Role.PUBLISHER.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            return claims.record(event);
        } catch (RuntimeException e) {
            RuntimeException translated = inbox.rejectionOrFailure(e);
            if (translated instanceof InboxRejection rejection && CONCURRENT.equals(rejection.code())) {
                throw e;
            }
            throw translated;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void storeOffset(ConsumerRecord<String, byte[]> record) {
        storeOffset(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    }

    private void storeOffset(TopicPartition partition, long nextOffset) {
        jdbc.sql("""
                        INSERT INTO inbox_offset (topic, partition_no, next_offset, updated_at)
                        VALUES (?, ?, ?, now())
                        ON CONFLICT (topic, partition_no)
                        DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()""")
                .params(partition.topic(), partition.partition(), nextOffset).update();
    }

    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, ProblemDetail problem) {
        String code = String.valueOf(problem.getProperties() == null ? "unknown" : problem.getProperties().get("code"));
        log.info("Inbox {} rejects {}-{}@{}: {} {}", topic, record.topic(), record.partition(), record.offset(), code,
                problem.getDetail());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.deadLetter(topic), null, record.key(),
                record.value(), record.headers());
        CloudEventHeaders.put(letter.headers(), CloudEventHeaders.DLT_REASON, reason(problem, code));
        CloudEventHeaders.put(letter.headers(), "jingzhun_dlt_origin",
                record.topic() + "-" + record.partition() + "@" + record.offset());
        Counter.builder("jingzhun.inbox.dead.lettered").description("Inbox CloudEvents sent to the dead-letter topic")
                .tag("inbox", topic).tag("reason", code).register(meters).increment();
        return letter;
    }

    /** The problem details as JSON: {@code code}, {@code field}, {@code message}, and the full problem. */
    private String reason(ProblemDetail problem, String code) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("code", code);
        Object errors = problem.getProperties() == null ? null : problem.getProperties().get("errors");
        String field = errors instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof FieldError error
                ? error.field() : null;
        reason.put("field", field);
        reason.put("message", problem.getDetail());
        reason.put("status", problem.getStatus());
        reason.put("type", problem.getType().toString());
        reason.put("errors", errors == null ? List.of() : errors);
        try {
            return json.writeValueAsString(reason);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void seekToStoredOffsets(Consumer<String, byte[]> kafkaConsumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> stored = new HashMap<>();
        jdbc.sql("SELECT topic, partition_no, next_offset FROM inbox_offset WHERE topic = ?")
                .param(topic)
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
