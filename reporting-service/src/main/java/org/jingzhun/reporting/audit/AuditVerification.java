package org.jingzhun.reporting.audit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.audit.ChainVerifier;
import org.jingzhun.contracts.audit.EventHash;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.reporting.readmodel.LiveProjector;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /api/audit/verify?from=&to=}: re-reads every event topic from its beginning, recomputes
 * every hash and chain link ({@link ChainVerifier}), and compares the audit trail with the topics. Only
 * events recorded in the range are counted and reported; the chains are followed from their start so
 * that a link into the range is checked too.
 *
 * <p>Found: a changed event (payload, type, time … no longer match its hash) on a topic or in the trail,
 * an event missing from its chain or out of order (on its topic or in the trail's position order), a trail row that differs from its topic record, a
 * record missing from its topic although the trail has it, a record the projector has passed but the
 * trail lacks.
 */
@Component
class AuditVerification {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaSettings kafka;
    private final JdbcTemplate cursor;
    private final TransactionTemplate readOnly;

    AuditVerification(KafkaSettings kafka, DataSource dataSource, PlatformTransactionManager transactions) {
        this.kafka = kafka;
        this.cursor = new JdbcTemplate(dataSource);
        this.cursor.setFetchSize(10_000);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The answer: {@code valid} when nothing in the range is broken. */
    record Result(long eventsChecked, boolean valid, List<ChainVerifier.Broken> broken) {
    }

    private record Record(String topic, int partition, long offset, ChainVerifier.Link link) {
    }

    Result verify(@Nullable OffsetDateTime from, @Nullable OffsetDateTime to) {
        ChainVerifier chains = new ChainVerifier(false);
        Map<String, Record> onTopics = new HashMap<>();
        Map<String, List<ChainVerifier.Broken>> broken = new LinkedHashMap<>();
        readTopics(record -> {
            List<ChainVerifier.Broken> found = chains.accept(record.link());
            if (inRange(record.link().time(), from, to)) {
                onTopics.put(record.link().eventId(), record);
                found.forEach(b -> add(broken, b.eventId(), b.reason() + " (on " + where(record) + ")"));
            }
        });
        Map<String, Long> projected = projectedOffsets();
        long[] checked = {0};
        // The trail's own order is checked too, from its start (a link into the range is checked as well): rows
        // whose positions were swapped each still equal their topic record, but no longer follow their chain.
        ChainVerifier trailOrder = new ChainVerifier(false);
        readOnly.executeWithoutResult(status -> cursor.query("""
                        SELECT event_id, type, subject, sequence_no, recorded_at,
                               COALESCE(raw_payload, payload::text) AS payload, hash, prev_hash,
                               topic, partition_no, offset_no, position
                        FROM audit_event
                        ORDER BY position""",
                rs -> {
                    String id = rs.getString(1);
                    ChainVerifier.Link row = new ChainVerifier.Link(id, rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getString(6), rs.getString(7),
                            rs.getString(8));
                    List<ChainVerifier.Broken> order = trailOrder.accept(row);
                    if (!inRange(row.time(), from, to)) {
                        return;
                    }
                    checked[0]++;
                    compare(row, rs.getString(9), rs.getInt(10), rs.getLong(11), onTopics.remove(id), broken);
                    if (broken.containsKey(id)) {
                        // Already named for what is wrong with the row itself.
                        return;
                    }
                    // Only the order: a row missing from the trail is named above, by its topic record.
                    long position = rs.getLong(12);
                    order.stream().filter(b -> b.reason().startsWith("out of order")).forEach(b -> add(broken,
                            b.eventId(), b.reason() + " (in the audit trail, at position " + position + ")"));
                }));
        for (Record record : onTopics.values()) {
            checked[0]++;
            Long next = projected.get(record.topic() + "-" + record.partition());
            if (next != null && record.offset() < next) {
                add(broken, record.link().eventId(), "missing from the audit trail, although the projector has passed "
                        + where(record));
            }
        }
        List<ChainVerifier.Broken> all = new ArrayList<>();
        broken.forEach((id, reasons) -> reasons.forEach(all::add));
        return new Result(checked[0], all.isEmpty(), all);
    }

    private static void compare(ChainVerifier.Link row, String topic, int partition, long offset, @Nullable Record record,
                                Map<String, List<ChainVerifier.Broken>> broken) {
        String id = row.eventId();
        if (row.hash() != null) {
            String recomputed;
            try {
                recomputed = EventHash.isHash(row.prevHash()) ? EventHash.of(row.prevHash(), id, row.type(),
                        row.aggregateId(), row.sequence(), row.time(), row.payloadJson()) : null;
            } catch (IllegalArgumentException e) {
                recomputed = null;
            }
            if (!row.hash().equals(recomputed)) {
                add(broken, id, "audit trail row changed: its hash does not match its content");
            }
        }
        if (record == null) {
            add(broken, id, "missing from its topic: the audit trail recorded it at " + topic + "-" + partition + "@"
                    + offset + ", the topic no longer has it");
            return;
        }
        ChainVerifier.Link sent = record.link();
        if (!java.util.Objects.equals(row.hash(), sent.hash()) || !java.util.Objects.equals(row.prevHash(), sent.prevHash())
                || !row.type().equals(sent.type()) || row.sequence() != sent.sequence()
                || !row.aggregateId().equals(sent.aggregateId())
                || !EventHash.time(row.time()).equals(EventHash.time(sent.time()))
                || !canonical(row.payloadJson()).equals(canonical(sent.payloadJson()))) {
            add(broken, id, "audit trail row differs from its topic record " + where(record));
        }
    }

    private static String canonical(String json) {
        try {
            return EventHash.canonicalJson(json);
        } catch (IllegalArgumentException e) {
            return json;
        }
    }

    private static void add(Map<String, List<ChainVerifier.Broken>> broken, String eventId, String reason) {
        broken.computeIfAbsent(eventId, k -> new ArrayList<>()).add(new ChainVerifier.Broken(eventId, reason));
    }

    private static boolean inRange(Instant time, @Nullable OffsetDateTime from, @Nullable OffsetDateTime to) {
        return (from == null || !time.isBefore(from.toInstant())) && (to == null || !time.isAfter(to.toInstant()));
    }

    private static String where(Record record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private Map<String, Long> projectedOffsets() {
        Map<String, Long> offsets = new HashMap<>();
        cursor.query("SELECT topic, partition_no, next_offset FROM projector_offset WHERE projector = ?",
                rs -> {
                    offsets.put(rs.getString(1) + "-" + rs.getInt(2), rs.getLong(3));
                }, LiveProjector.NAME);
        return offsets;
    }

    private void readTopics(java.util.function.Consumer<Record> sink) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            for (String topic : Topics.ALL) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
                if (infos == null) {
                    continue;
                }
                List<TopicPartition> partitions = infos.stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
                for (TopicPartition partition : partitions) {
                    long end = ends.get(partition);
                    consumer.assign(List.of(partition));
                    consumer.seekToBeginning(List.of(partition));
                    long deadline = System.nanoTime() + TIMEOUT.toNanos();
                    while (consumer.position(partition, TIMEOUT) < end) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                            if (record.offset() < end) {
                                sink.accept(new Record(record.topic(), record.partition(), record.offset(), link(record)));
                            }
                        }
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("Reading " + partition + " took longer than " + TIMEOUT);
                        }
                    }
                }
            }
        }
    }

    private static ChainVerifier.Link link(ConsumerRecord<String, byte[]> record) {
        String id = header(record, "ce_id");
        String subject = header(record, "ce_subject");
        long sequence;
        try {
            sequence = Long.parseLong(String.valueOf(header(record, "jingzhun_sequence")));
        } catch (NumberFormatException e) {
            sequence = -1;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(String.valueOf(header(record, "ce_time"))).toInstant();
        } catch (DateTimeParseException e) {
            time = Instant.EPOCH;
        }
        return new ChainVerifier.Link(id == null ? record.topic() + "-" + record.partition() + "@" + record.offset() : id,
                String.valueOf(header(record, "ce_type")), subject == null ? String.valueOf(record.key()) : subject,
                sequence, time, record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8),
                header(record, EventHash.HASH), header(record, EventHash.PREV_HASH));
    }

    @Nullable
    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
