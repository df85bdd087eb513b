package org.jingzhun.platform.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.RecordBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.Serializer;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.audit.EventHash;
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
 *
 * <p>In the same unit of work it records every event it handled in {@code relay_log}, for the
 * {@link RelaySafetyNet}. An event that can never be sent (its record larger than the producer's
 * {@code max.request.size}, or not serializable) is parked in {@code relay_parked} and skipped, so
 * later events flow; the relay's health stays DOWN until an operator deals with it.
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay {

    /**
     * Metadata copied to headers of the same name: the event's link in its aggregate's hash chain, computed
     * when it was appended (EventChainInterceptor), and, when recorded from an inbox CloudEvent, which one
     * (org.jingzhun.platform.inbox.Causation).
     */
    private static final List<String> RELAYED_META_DATA =
            List.of(EventHash.PREV_HASH, EventHash.HASH, Causation.SOURCE, Causation.ID);

    /** The tracking processor's name; its token lives in {@code token_entry}. */
    public static final String PROCESSING_GROUP = "kafka-relay";

    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);
    private static final String BATCH = KafkaRelay.class.getName() + ".batch";

    private final RelaySettings settings;
    private final String source;
    private final ZoneId zone;
    private final Supplier<Producer<String, byte[]>> producerFactory;
    private final TopicProvisioner provisioner;
    private final int maxRequestSize;
    private final RelayJournal journal;
    /** The event store's serializer: a stored payload's bytes are read back as they are with it. */
    private final Serializer storedAs;
    private final Counter sent;
    private final Counter failures;
    private final Counter parked;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile Instant lastSuccess;
    private volatile String lastFailure;
    private volatile Producer<String, byte[]> producer;
    private volatile boolean topicReady;

    KafkaRelay(RelaySettings settings, String source, ZoneId zone,
               Supplier<Producer<String, byte[]>> producerFactory, TopicProvisioner provisioner,
               int maxRequestSize, RelayJournal journal, Serializer storedAs, MeterRegistry meters) {
        this.settings = settings;
        this.source = source;
        this.zone = zone;
        this.producerFactory = producerFactory;
        this.provisioner = provisioner;
        this.maxRequestSize = maxRequestSize;
        this.journal = journal;
        this.storedAs = Objects.requireNonNull(storedAs, "storedAs");
        this.sent = Counter.builder("jingzhun.relay.sent").description("Events acknowledged by Kafka")
                .tag("topic", settings.topic()).register(meters);
        this.failures = Counter.builder("jingzhun.relay.failures")
                .description("Batches that failed to reach Kafka and will be retried")
                .tag("topic", settings.topic()).register(meters);
        this.parked = Counter.builder("jingzhun.relay.parked")
                .description("Events that can never be sent as they are, parked for an operator")
                .tag("topic", settings.topic()).register(meters);
    }

    /**
     * Takes the message, not its payload: the record's value is the JSON the event store holds, so the
     * payload is never read back into an object here (that and writing it again were about a fifth of the
     * relay's CPU samples, docs/benchmarks.md).
     */
    @EventHandler
    public void on(EventMessage<?> message) {
        if (CurrentUnitOfWork.isStarted()) {
            handle(currentBatch(), message);
            return;
        }
        Batch batch = new Batch();
        try {
            handle(batch, message);
            finish(batch, true);
            succeeded();
            batch.parked.forEach(this::notifyParked);
        } catch (RuntimeException e) {
            failed(e);
            throw e;
        }
    }

    private void handle(Batch batch, EventMessage<?> message) {
        batch.handled.add(message.getIdentifier());
        EventType type = EventCatalog.byClass(message.getPayloadType()).orElse(null);
        if (type == null) {
            log.debug("Not relaying {}: not a public event", message.getPayloadType().getName());
            return;
        }
        ensureTopic();
        try {
            ProducerRecord<String, byte[]> record = sendable(type, message);
            batch.pending.add(new Pending(message.getIdentifier(), type.cloudEventType(), sizeOf(record),
                    producer().send(record)));
        } catch (UnsendableEventException e) {
            batch.parked.add(ParkedEvent.of(message.getIdentifier(), type.cloudEventType(), e.sizeBytes(),
                    e.getMessage()));
        }
    }

    private Batch currentBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> finish(batch, true));
            unitOfWork.afterCommit(u -> {
                succeeded();
                batch.parked.forEach(this::notifyParked);
            });
            unitOfWork.onRollback(u -> failed(u.getExecutionResult() == null ? null
                    : u.getExecutionResult().getExceptionResult()));
            return batch;
        });
    }

    /**
     * Awaits every acknowledgement of the batch, then records what it handled and parks what Kafka
     * refused as too large (when {@code record}); any other failure rolls the batch back.
     */
    private void finish(Batch batch, boolean record) {
        long deadline = System.nanoTime() + settings.ackTimeout().toNanos();
        int acknowledged = 0;
        boolean refused = false;
        try {
            for (Pending pending : batch.pending) {
                try {
                    pending.ack().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    acknowledged++;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RecordTooLargeException)) {
                        throw fail(batch.pending, e.getCause());
                    }
                    // The broker's own limit (message.max.bytes) may be below the producer's.
                    refused = true;
                    batch.parked.add(ParkedEvent.of(pending.eventId(), pending.type(), (long) pending.sizeBytes(),
                            "Kafka refused the record as too large: " + e.getCause().getMessage()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(batch.pending, e);
        } catch (TimeoutException e) {
            throw fail(batch.pending, e);
        }
        sent.increment(acknowledged);
        if (record) {
            if (journal != null) {
                journal.recordHandled(batch.handled);
                batch.parked.forEach(journal::park);
            }
        }
        if (refused) {
            resetProducer();
        }
    }

    /** Parks an event that can never be sent: recorded (in the caller's transaction), counted, logged. */
    void park(ParkedEvent event) {
        if (journal != null) {
            journal.park(event);
        }
        notifyParked(event);
    }

    /** Counts and logs a parked event, once its batch committed. */
    private void notifyParked(ParkedEvent event) {
        parked.increment();
        log.error("Parked event {} ({}, {} bytes): {}. Later events flow on; health is DOWN until an operator "
                        + "re-sends or acknowledges it (GET /api/admin/relay/parked)",
                event.eventId(), event.type(), event.sizeBytes(), event.reason());
    }

    /** What became of one event sent by {@link #sendNow}. */
    enum Outcome { SENT, PARKED, NOT_PUBLIC }

    /**
     * Sends one event now, outside the tracker, and waits for Kafka's acknowledgement: for events the
     * safety net recovers and for parked events an operator re-sends. An event that can never be sent
     * is reported through {@code unsendable} (and not sent); a Kafka failure throws.
     */
    Outcome sendNow(Object payload, EventMessage<?> message, java.util.function.Consumer<ParkedEvent> unsendable) {
        EventType type = EventCatalog.byClass(payload.getClass()).orElse(null);
        if (type == null) {
            return Outcome.NOT_PUBLIC;
        }
        ensureTopic();
        ProducerRecord<String, byte[]> record;
        try {
            record = sendable(type, message);
        } catch (UnsendableEventException e) {
            unsendable.accept(ParkedEvent.of(message.getIdentifier(), type.cloudEventType(), e.sizeBytes(),
                    e.getMessage()));
            return Outcome.PARKED;
        }
        Batch batch = new Batch();
        batch.pending.add(new Pending(message.getIdentifier(), type.cloudEventType(), sizeOf(record),
                producer().send(record)));
        finish(batch, false);
        if (!batch.parked.isEmpty()) {
            unsendable.accept(batch.parked.get(0));
            return Outcome.PARKED;
        }
        return Outcome.SENT;
    }

    /**
     * The record of an event, checked against the producer's {@code max.request.size} the way the
     * producer itself sizes it (key, value and headers, uncompressed).
     */
    ProducerRecord<String, byte[]> sendable(EventType type, EventMessage<?> message) {
        ProducerRecord<String, byte[]> record = toRecord(type, message);
        int size = sizeOf(record);
        if (size > maxRequestSize) {
            throw new UnsendableEventException("Its record is " + size + " bytes, above the producer's "
                    + "max.request.size of " + maxRequestSize + " bytes", (long) size, null);
        }
        return record;
    }

    private static int sizeOf(ProducerRecord<String, byte[]> record) {
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        return AbstractRecords.estimateSizeInBytesUpperBound(RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE,
                key, record.value(), record.headers().toArray());
    }

    private void succeeded() {
        consecutiveFailures.set(0);
        lastSuccess = Instant.now();
    }

    private void failed(Throwable cause) {
        consecutiveFailures.incrementAndGet();
        lastFailure = cause == null ? "unknown" : cause.toString();
    }

    /** When a batch last reached Kafka in this JVM, {@code null} before the first. */
    Instant lastSuccess() {
        return lastSuccess;
    }

    /** Failed batches in a row in this JVM. */
    int consecutiveFailures() {
        return consecutiveFailures.get();
    }

    String lastFailure() {
        return lastFailure;
    }

    ProducerRecord<String, byte[]> toRecord(EventType type, EventMessage<?> message) {
        String key = message instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : message.getIdentifier();
        byte[] value = value(message);
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
        for (String metaDataKey : RELAYED_META_DATA) {
            Object relayed = message.getMetaData().get(metaDataKey);
            CloudEventHeaders.put(headers, metaDataKey, relayed == null ? null : relayed.toString());
        }
        return record;
    }

    /**
     * The event's JSON: for an event read from the store, the bytes stored — the ones its hash-chain link
     * was computed over, written with the event mapper when it was applied (PayloadJsonSerializer) — taken
     * as they are (Axon's SerializedMessage answers so when asked with the store's serializer); for any other
     * message, its payload written now by that serializer, with the same mapper.
     */
    private byte[] value(EventMessage<?> message) {
        try {
            return message.serializePayload(storedAs, byte[].class).getData();
        } catch (SerializationException e) {
            throw new UnsendableEventException("It cannot be serialized as JSON: " + e.getMessage(), null, e);
        }
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

    private RelayFailedException fail(List<Pending> pending, Throwable cause) {
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

    /** The events of one unit of work: what was handled, the sends awaiting acknowledgement, the parked. */
    private static final class Batch {
        final List<String> handled = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();
        final List<ParkedEvent> parked = new ArrayList<>();
    }

    private record Pending(String eventId, String type, int sizeBytes, Future<RecordMetadata> ack) {
    }

    /** Closes the producer, waiting briefly for sends in flight. */
    public synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }
}
