package org.jingzhun.platform.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.axon.Actor;
import org.jingzhun.platform.inbox.Causation;
import org.jingzhun.platform.kafka.CloudEventHeaders;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each stored public event to the service's topic: key = aggregate id, value = the event as
 * JSON, CloudEvents binary-mode headers. Sends are asynchronous; before the unit of work commits
 * (and with it the tracking token) every acknowledgement of the batch is awaited, and any failure
 * rolls the batch back so the processor retries it.
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay {

    /** The tracking processor's name; its token lives in {@code token_entry}. */
    public static final String PROCESSING_GROUP = "kafka-relay";

    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);
    private static final String PENDING_SENDS = KafkaRelay.class.getName() + ".pending";

    private final RelaySettings settings;
    private final String source;
    private final ZoneId zone;
    private final Supplier<Producer<String, byte[]>> producerFactory;
    private final TopicProvisioner provisioner;
    private final ObjectMapper json = EventJson.newMapper();
    private final Counter sent;
    private final Counter failures;
    private volatile Producer<String, byte[]> producer;
    private volatile boolean topicReady;

    public KafkaRelay(RelaySettings settings, String source, ZoneId zone,
                      Supplier<Producer<String, byte[]>> producerFactory, TopicProvisioner provisioner,
                      MeterRegistry meters) {
        this.settings = settings;
        this.source = source;
        this.zone = zone;
        this.producerFactory = producerFactory;
        this.provisioner = provisioner;
        this.sent = Counter.builder("jingzhun.relay.sent").description("Events acknowledged by Kafka")
                .tag("topic", settings.topic()).register(meters);
        this.failures = Counter.builder("jingzhun.relay.failures")
                .description("Batches that failed to reach Kafka and will be retried")
                .tag("topic", settings.topic()).register(meters);
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message) {
        EventType type = EventCatalog.byClass(payload.getClass()).orElse(null);
        if (type == null) {
            log.debug("Not relaying {}: not a public event", payload.getClass().getName());
            return;
        }
        ensureTopic();
        Future<RecordMetadata> ack = producer().send(toRecord(type, payload, message));
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            List<Future<RecordMetadata>> pending = unitOfWork.getOrComputeResource(PENDING_SENDS, key -> {
                List<Future<RecordMetadata>> list = new ArrayList<>();
                unitOfWork.onPrepareCommit(u -> awaitAcknowledgements(list));
                return list;
            });
            pending.add(ack);
        } else {
            awaitAcknowledgements(List.of(ack));
        }
    }

    ProducerRecord<String, byte[]> toRecord(EventType type, Object payload, EventMessage<?> message) {
        String key = message instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : message.getIdentifier();
        byte[] value;
        try {
            value = json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + type.name() + " " + message.getIdentifier(), e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.topic(), key, value);
        Headers headers = record.headers();
        CloudEventHeaders.put(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        CloudEventHeaders.put(headers, CloudEventHeaders.ID, message.getIdentifier());
        CloudEventHeaders.put(headers, CloudEventHeaders.SOURCE, source);
        CloudEventHeaders.put(headers, CloudEventHeaders.TYPE, type.cloudEventType());
        CloudEventHeaders.put(headers, CloudEventHeaders.TIME,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(message.getTimestamp(), zone)));
        CloudEventHeaders.put(headers, CloudEventHeaders.SUBJECT, key);
        CloudEventHeaders.put(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON);
        CloudEventHeaders.put(headers, "ce_dataschema", type.dataSchema());
        if (message instanceof DomainEventMessage<?> domain) {
            CloudEventHeaders.put(headers, CloudEventHeaders.SEQUENCE, Long.toString(domain.getSequenceNumber()));
        }
        Object actor = message.getMetaData().get(Actor.META_DATA_KEY);
        CloudEventHeaders.put(headers, CloudEventHeaders.ACTOR, actor == null ? Actor.SYSTEM : actor.toString());
        // Recorded from an inbox CloudEvent: which one (org.jingzhun.platform.inbox.Causation).
        for (String causation : List.of(Causation.SOURCE, Causation.ID)) {
            Object cause = message.getMetaData().get(causation);
            CloudEventHeaders.put(headers, causation, cause == null ? null : cause.toString());
        }
        return record;
    }

    private void ensureTopic() {
        if (!topicReady) {
            provisioner.ensureTopics(List.of(settings.topic()));
            topicReady = true;
        }
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = producerFactory.get();
                }
                current = producer;
            }
        }
        return current;
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> pending) {
        long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : pending) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            sent.increment(pending.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(pending, e);
        } catch (ExecutionException e) {
            throw fail(pending, e.getCause());
        } catch (TimeoutException e) {
            throw fail(pending, e);
        }
    }

    private RelayFailedException fail(List<Future<RecordMetadata>> pending, Throwable cause) {
        failures.increment();
        // A fresh producer after a failure: the old one may hold a broken idempotence sequence.
        resetProducer();
        return new RelayFailedException("Kafka did not acknowledge a batch of " + pending.size()
                + " events on " + settings.topic() + "; the batch will be sent again", cause);
    }

    private synchronized void resetProducer() {
        if (producer != null) {
            try {
                producer.close(java.time.Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("Closing the failed producer", e);
            }
            producer = null;
        }
        topicReady = false;
    }

    /** Closes the producer, waiting briefly for sends in flight. */
    public synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
