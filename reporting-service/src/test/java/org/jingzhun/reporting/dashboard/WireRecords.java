package org.jingzhun.reporting.dashboard;

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
 * Kafka records in the wire format of CONTRACT.md (CloudEvents binary mode plus our two headers), built by
 * hand as the other reporting tests do, so that the board is fed exactly as the other services feed it.
 */
final class WireRecords {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private WireRecords() {
    }

    static ProducerRecord<String, byte[]> of(String aggregateId, long sequence, Object event, OffsetDateTime time) {
        EventType type = EventCatalog.byClass(event.getClass())
                .orElseThrow(() -> new IllegalArgumentException("not a public event: " + event.getClass()));
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
        put(headers, "ce_source", "/jingzhun/" + type.topic().split("\\.")[1] + "-service");
        put(headers, "ce_type", type.cloudEventType());
        put(headers, "ce_time", time.toString());
        put(headers, "ce_subject", aggregateId);
        put(headers, "content-type", "application/json");
        put(headers, "jingzhun_sequence", Long.toString(sequence));
        put(headers, "jingzhun_actor", "dashboard-test");
        return record;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
