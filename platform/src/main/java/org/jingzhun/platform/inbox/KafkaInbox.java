package org.jingzhun.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
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
import java.util.concurrent.TimeUnit;
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

    private final Inbox inbox;
    private final String topic;
    private final String clientId;
    private final KafkaClients kafka;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final ObjectMapper json = new ObjectMapper();
    private final Counter failures;

    private volatile boolean running;
    private volatile Consumer<String, byte[]> consumer;
    private Thread worker;

    public KafkaInbox(Inbox inbox, String serviceName, KafkaClients kafka, JdbcClient jdbc,
                      TransactionTemplate transactions, MeterRegistry meters) {
        this.inbox = inbox;
        this.topic = inbox.routes().topic();
        this.clientId = serviceName + "-inbox";
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.failures = Counter.builder("jingzhun.inbox.failures")
                .description("Inbox batches rolled back and retried").tag("inbox", topic).register(meters);
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
     * One transaction per record: its dedup row, its events and its partition's next offset. Not one per
     * poll: Axon rolls back the whole connection when a command is refused, taking a batch's earlier
     * records with it. A refused record is dead-lettered (acknowledged) before its offset is stored.
     */
    private void receive(ConsumerRecords<String, byte[]> records, Producer<String, byte[]> deadLetters) {
        for (ConsumerRecord<String, byte[]> record : records) {
            ProblemDetail problem;
            try {
                CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
                receiveAsPublisher(event, record);
                continue;
            } catch (CloudEventRWException | IllegalStateException e) {
                String message = e.getMessage() == null ? "not a CloudEvent" : e.getMessage();
                problem = InboxProblems.reject(HttpStatus.BAD_REQUEST, "inbox.invalid-cloudevent", "cloudevent",
                        "Not a valid CloudEvent 1.0 in binary mode: " + message).problem();
            } catch (InboxRejection rejection) {
                problem = rejection.problem();
            }
            ProducerRecord<String, byte[]> letter = deadLetter(record, problem);
            try {
                deadLetters.send(letter).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot dead-letter a record of " + topic, e);
            }
            transactions.executeWithoutResult(status -> storeOffset(record));
        }
    }

    /**
     * A record on the inbox topic comes from a publisher the broker let write there: it is recorded as that
     * publisher's, county-wide (the topic's ACLs say who may publish, see docker/kafka-sasl-acl.yml), the
     * CloudEvent's source standing as the actor, as the HTTP inbox records a {@code PUBLISHER} account's.
     */
    private void receiveAsPublisher(CloudEvent event, ConsumerRecord<String, byte[]> record) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(String.valueOf(event.getSource()),
                null, List.of(new SimpleGrantedAuthority(Role.PUBLISHER.authority()))));
        SecurityContextHolder.setContext(context);
        try {
            inbox.receive(event, () -> storeOffset(record));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void storeOffset(ConsumerRecord<String, byte[]> record) {
        jdbc.sql("""
                        INSERT INTO inbox_offset (topic, partition_no, next_offset, updated_at)
                        VALUES (?, ?, ?, now())
                        ON CONFLICT (topic, partition_no)
                        DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()""")
                .params(record.topic(), record.partition(), record.offset() + 1).update();
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
