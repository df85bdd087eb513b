package org.jingzhun.platform.projection;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.audit.EventHash;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.inbox.Causation;
import org.jingzhun.platform.kafka.CloudEventHeaders;

/** Turns a Kafka record into a {@link ProjectedEvent}, or says why it is poison. */
public class RecordDecoder {

    /** Checks an event's JSON against its type's schema; throws {@link PoisonRecordException}. */
    @FunctionalInterface
    public interface SchemaCheck {
        void check(EventType type, JsonNode json);
    }

    private final ObjectMapper json = EventJson.newMapper();
    private final SchemaCheck schemaCheck;

    public RecordDecoder(SchemaCheck schemaCheck) {
        this.schemaCheck = schemaCheck;
    }

    public ProjectedEvent decode(ConsumerRecord<String, byte[]> record) {
        return decode(record, true);
    }

    /**
     * Decodes the record, checking its JSON against its type's schema only if {@code checkSchema}: a caller may
     * leave the check out for a record that this very check let through before (a rebuild reading a record the
     * live projector applied), and only for such a record.
     */
    public ProjectedEvent decode(ConsumerRecord<String, byte[]> record, boolean checkSchema) {
        var headers = record.headers();
        String eventId = CloudEventHeaders.text(headers, CloudEventHeaders.ID)
                .orElseThrow(() -> new PoisonRecordException("no ce_id header"));
        String typeName = CloudEventHeaders.text(headers, CloudEventHeaders.TYPE)
                .orElseThrow(() -> new PoisonRecordException("no ce_type header"));
        EventType type = EventCatalog.byCloudEventType(typeName)
                .orElseThrow(() -> new PoisonRecordException("unknown event type " + typeName));
        if (record.value() == null) {
            throw new PoisonRecordException("no value");
        }
        String text = new String(record.value(), StandardCharsets.UTF_8);
        Object payload = checkSchema || NulText.mayContainNul(text) ? viaTree(record.value(), type, checkSchema)
                : direct(record.value(), type);
        OffsetDateTime time;
        try {
            time = CloudEventHeaders.text(headers, CloudEventHeaders.TIME).map(IsoTimes::parse)
                    .orElseThrow(() -> new PoisonRecordException("no ce_time header"));
        } catch (DateTimeParseException e) {
            throw new PoisonRecordException("ce_time is not an ISO-8601 instant", e);
        }
        long sequence;
        try {
            sequence = CloudEventHeaders.text(headers, CloudEventHeaders.SEQUENCE).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            throw new PoisonRecordException("jingzhun_sequence is not a number", e);
        }
        String subject = CloudEventHeaders.text(headers, CloudEventHeaders.SUBJECT).orElse(record.key());
        // Header texts end up in text columns too.
        return new ProjectedEvent(record.topic(), record.partition(), record.offset(), NulText.replace(eventId), type,
                payload, text,
                subject == null ? null : NulText.replace(subject), sequence, time,
                NulText.replace(CloudEventHeaders.text(headers, CloudEventHeaders.ACTOR).orElse("unknown")),
                CloudEventHeaders.text(headers, EventHash.HASH).orElse(null),
                CloudEventHeaders.text(headers, EventHash.PREV_HASH).orElse(null),
                CloudEventHeaders.text(headers, Causation.SOURCE).map(NulText::replace).orElse(null),
                CloudEventHeaders.text(headers, Causation.ID).map(NulText::replace).orElse(null));
    }

    /** Parsed as a tree first: checked against its schema when asked, its NULs replaced before it is mapped. */
    private Object viaTree(byte[] value, EventType type, boolean checkSchema) {
        JsonNode tree;
        try {
            tree = json.readTree(value);
        } catch (java.io.IOException e) {
            throw new PoisonRecordException("not JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new PoisonRecordException("not a JSON object");
        }
        if (checkSchema) {
            schemaCheck.check(type, tree);
        }
        if (NulText.containsNul(tree)) {
            // Stored as U+FFFD by every read model; the JSON as it travelled stays in ProjectedEvent.json.
            tree = NulText.sanitized(tree);
        }
        try {
            return json.treeToValue(tree, type.eventClass());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new PoisonRecordException("does not match " + type.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Mapped straight from the bytes, for a record that needs no schema check and holds no NUL: the tree in
     * between was a tenth of what a replay allocated (docs/benchmarks.md, "Replay", sixth round).
     */
    private Object direct(byte[] value, EventType type) {
        Object payload;
        try {
            payload = json.readValue(value, type.eventClass());
        } catch (StreamReadException e) {
            throw new PoisonRecordException("not JSON: " + e.getMessage(), e);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new PoisonRecordException("does not match " + type.name() + ": " + e.getMessage(), e);
        }
        if (payload == null) {
            throw new PoisonRecordException("not a JSON object");
        }
        return payload;
    }
}
