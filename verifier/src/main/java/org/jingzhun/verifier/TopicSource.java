package org.jingzhun.verifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingzhun.contracts.audit.ChainVerifier;
import org.jingzhun.contracts.audit.EventHash;

/**
 * The event topics, read partition by partition from the beginning to the end they had when the check
 * began, without a consumer group (nothing is committed, nothing of ours is trusted). An aggregate's events
 * share a key and so a partition: offset order is their recorded order.
 */
final class TopicSource {

    private static final Pattern EVENT_TOPICS = Pattern.compile("jingzhun\\.[^.]+\\.events");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private TopicSource() {
    }

    static Report verify(String bootstrapServers, List<String> wanted, List<String> extra) {
        return verify(bootstrapServers, wanted, extra, false);
    }

    /** @param keepEvents whether to keep every event's id and hash, to compare the topics with an export */
    static Report verify(String bootstrapServers, List<String> wanted, List<String> extra, boolean keepEvents) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        for (String property : extra) {
            int eq = property.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--consumer-property wants KEY=VALUE, not " + property);
            }
            props.put(property.substring(0, eq), property.substring(eq + 1));
        }
        List<String> topics = wanted.isEmpty() ? eventTopics(props) : wanted;
        ChainVerifier chains = new ChainVerifier(false);
        Report report = new Report("topics " + String.join(", ", topics) + " at " + bootstrapServers, chains,
                keepEvents);
        Properties consumerProps = new Properties();
        consumerProps.putAll(props);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalArgumentException("No topic " + topic + " at " + bootstrapServers);
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            for (TopicPartition partition : partitions) {
                readPartition(consumer, partition, ends.get(partition), chains, report);
            }
        }
        return report;
    }

    private static void readPartition(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long end,
                                      ChainVerifier chains, Report report) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition, TIMEOUT) < end) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end) {
                    ChainVerifier.Link link = link(record);
                    chains.accept(link);
                    report.seen(link.eventId(), link.hash(), record.topic() + "-" + record.partition() + "@"
                            + record.offset(), -1);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Reading " + partition + " took longer than " + TIMEOUT);
            }
        }
    }

    static ChainVerifier.Link link(ConsumerRecord<String, byte[]> record) {
        String id = header(record, "ce_id");
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String subject = header(record, "ce_subject");
        long sequence;
        try {
            sequence = Long.parseLong(header(record, "jingzhun_sequence"));
        } catch (NumberFormatException e) {
            sequence = -1;
        }
        java.time.Instant time;
        try {
            time = OffsetDateTime.parse(header(record, "ce_time")).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            time = java.time.Instant.EPOCH;
        }
        return new ChainVerifier.Link(id == null ? "(no ce_id at " + where + ")" : id,
                String.valueOf(header(record, "ce_type")), subject == null ? String.valueOf(record.key()) : subject,
                sequence, time, record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8),
                header(record, EventHash.HASH), header(record, EventHash.PREV_HASH));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> eventTopics(Properties props) {
        Properties adminProps = new Properties();
        props.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k.toString())) {
                adminProps.put(k, v);
            }
        });
        try (Admin admin = Admin.create(adminProps)) {
            List<String> topics = admin.listTopics().names().get(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                    .stream().filter(t -> EVENT_TOPICS.matcher(t).matches()).sorted().toList();
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("No topic named jingzhun.<service>.events; give --topics");
            }
            return topics;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing topics", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot list the topics: " + e.getMessage(), e);
        }
    }
}
