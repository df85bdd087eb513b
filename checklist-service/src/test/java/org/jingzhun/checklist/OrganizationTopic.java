package org.jingzhun.checklist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.Topics;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;

/**
 * Plays the organization service on {@code jingzhun.organization.events}: records in the wire format of
 * CONTRACT.md (CloudEvents binary mode), written header by header, numbered per aggregate, so the
 * checklist service's registry replica is fed exactly as in production.
 */
public final class OrganizationTopic implements AutoCloseable {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sequences = new HashMap<>();

    public OrganizationTopic(String bootstrapServers) {
        // Topics exist, with leaders, before anything is produced (KAFKA-15591, see ARCHITECTURE.md).
        new TopicProvisioner(new KafkaSettings(bootstrapServers, 3, (short) 1, java.time.Duration.ofSeconds(30)))
                .ensureTopics(List.of(Topics.ORGANIZATION_EVENTS, Topics.CHECKLIST_EVENTS));
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(properties);
    }

    /** Publishes the aggregate's next event, recorded at {@code time}, and waits for the broker's ack. */
    public void publish(String aggregateId, Object event, OffsetDateTime time) {
        EventType type = EventCatalog.byClass(event.getClass()).orElseThrow();
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        byte[] value;
        try {
            value = JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), aggregateId, value);
        Headers headers = record.headers();
        put(headers, "ce_specversion", "1.0");
        put(headers, "ce_id", UUID.randomUUID().toString());
        put(headers, "ce_source", "/jingzhun/organization-service");
        put(headers, "ce_type", type.cloudEventType());
        put(headers, "ce_time", time.toString());
        put(headers, "ce_subject", aggregateId);
        put(headers, "content-type", "application/json");
        put(headers, "jingzhun_sequence", Long.toString(sequence));
        put(headers, "jingzhun_actor", "integration-test");
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + type.name(), e);
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
