package org.jingzhun.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.EventJson;

/**
 * Kafka records in the wire format of CONTRACT.md (CloudEvents binary mode), written out header by
 * header rather than by the platform's relay, so the replica is checked against the contract.
 */
final class WireRecords {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private WireRecords() {
    }

    /** The {@code sequence}-th event of aggregate {@code aggregateId}, with a fresh event id. */
    static ProducerRecord<String, byte[]> of(String aggregateId, long sequence, Object event, OffsetDateTime time) {
        EventType type = EventCatalog.byClass(event.getClass()).orElseThrow();
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
        return record;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
