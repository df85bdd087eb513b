package org.jingzhun.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;

/**
 * The JSON Schemas that {@code contracts} publishes for each event type, for both sides of a topic:
 * writing services check an event before they store it, reporting checks it again on intake. Jackson
 * alone would accept an event that breaks the contract (a missing field becomes {@code null}, a visit of
 * 0 people maps fine); the schema is what producers promised.
 */
public final class EventSchemas {

    /** One broken rule: the event's field (a JSON path such as {@code readings[0]}) and what is wrong. */
    public record Violation(String field, String message) {
    }

    private final Map<EventType, JsonSchema> schemas = new HashMap<>();

    /**
     * Loads every schema up front, so that a type without a schema stops start-up instead of failing
     * each of its events.
     *
     * @throws IllegalStateException naming the missing schema
     */
    public EventSchemas(Collection<EventType> types) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // Draft 2020-12 treats "format" as an annotation only; the contract means dates to be dates.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : types) {
            schemas.put(type, load(factory, config, type));
        }
    }

    /** The schemas of every type of the event catalog. */
    public static EventSchemas forCatalog() {
        return new EventSchemas(EventCatalog.all());
    }

    /**
     * What in {@code json} breaks the schema of {@code type}, sorted by field; empty when nothing does.
     *
     * @throws IllegalArgumentException for a type without a loaded schema
     */
    public List<Violation> violations(EventType type, JsonNode json) {
        JsonSchema schema = schemas.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("no schema for " + type.cloudEventType());
        }
        return schema.validate(json).stream()
                .map(EventSchemas::violation)
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    private static Violation violation(ValidationMessage message) {
        String field = field(message.getInstanceLocation() == null ? "" : message.getInstanceLocation().toString());
        if (field.isEmpty() && message.getProperty() != null) {
            // A missing required property is reported at the object that lacks it.
            field = message.getProperty();
        }
        return new Violation(field.isEmpty() ? "$" : field, message.getMessage());
    }

    /** {@code /readings/0} (JSON pointer) or {@code $.readings[0]} (JSON path) as {@code readings[0]}. */
    static String field(String location) {
        if (location.startsWith("$")) {
            return location.startsWith("$.") ? location.substring(2) : location.substring(1);
        }
        StringBuilder field = new StringBuilder();
        for (String segment : location.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return field.toString();
    }

    private static JsonSchema load(JsonSchemaFactory factory, SchemaValidatorsConfig config, EventType type) {
        // The schemas ship in the contracts jar, beside the event catalog.
        ClassLoader loader = EventType.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(type.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("No JSON Schema " + type.schemaResource() + " for " + type.cloudEventType());
            }
            JsonSchema schema = factory.getSchema(in, config);
            schema.initializeValidators();
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + type.schemaResource(), e);
        }
    }
}
