package org.jingzhun.reporting;

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
 * Kafka records in the wire format of CONTRACT.md, built by hand rather than by the platform's relay,
 * so that the tests check the projector against the contract and not against our own producer.
 */
public final class CloudEventRecords {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private CloudEventRecords() {
    }

    /** A well-formed record of a public event, with a fresh event id. */
    public static ProducerRecord<String, byte[]> of(String aggregateId, Object event, OffsetDateTime time) {
        return of(UUID.randomUUID().toString(), aggregateId, event, time);
    }

    /** A well-formed record of a public event, with a fresh event id, as event {@code sequence} of its aggregate. */
    public static ProducerRecord<String, byte[]> of(String aggregateId, long sequence, Object event,
                                                    OffsetDateTime time) {
        ProducerRecord<String, byte[]> record = of(aggregateId, event, time);
        record.headers().remove("jingzhun_sequence");
        put(record.headers(), "jingzhun_sequence", Long.toString(sequence));
        return record;
    }

    /** A well-formed record of a public event with the given event id ({@code ce_id}). */
    public static ProducerRecord<String, byte[]> of(String eventId, String aggregateId, Object event,
                                                    OffsetDateTime time) {
        EventType type = EventCatalog.byClass(event.getClass()).orElseThrow();
        try {
            return raw(type.topic(), eventId, type.cloudEventType(), aggregateId, JSON.writeValueAsBytes(event), time);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Any value under any type: for poison records. */
    public static ProducerRecord<String, byte[]> raw(String topic, String eventId, String cloudEventType, String aggregateId,
                                              byte[] value, OffsetDateTime time) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, aggregateId, value);
        Headers headers = record.headers();
        put(headers, "ce_specversion", "1.0");
        put(headers, "ce_id", eventId);
        put(headers, "ce_source", "/jingzhun/" + topic.split("\\.")[1] + "-service");
        put(headers, "ce_type", cloudEventType);
        put(headers, "ce_time", time.toString());
        put(headers, "ce_subject", aggregateId);
        put(headers, "content-type", "application/json");
        put(headers, "jingzhun_sequence", "0");
        put(headers, "jingzhun_actor", "integration-test");
        return record;
    }

    static String header(org.apache.kafka.clients.consumer.ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
