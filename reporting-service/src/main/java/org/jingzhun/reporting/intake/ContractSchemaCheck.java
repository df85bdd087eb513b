package org.jingzhun.reporting.intake;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.projection.PoisonRecordException;
import org.jingzhun.platform.projection.RecordDecoder;

/**
 * Checks an event's JSON against the schema its type publishes in {@code contracts}. Jackson alone
 * would accept a record that breaks the contract (a missing field becomes {@code null}, a visit of 0
 * people maps fine); the schema is what producers promised, so a violation is poison.
 */
final class ContractSchemaCheck implements RecordDecoder.SchemaCheck {

    private final Map<EventType, JsonSchema> schemas = new HashMap<>();

    /**
     * Loads every schema up front, so that a type without a schema stops start-up instead of
     * dead-lettering all its events.
     */
    ContractSchemaCheck(Collection<EventType> types) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        // Draft 2020-12 treats "format" as an annotation only; the contract means dates to be dates.
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (EventType type : types) {
            schemas.put(type, load(factory, config, type));
        }
    }

    /** The check for every type of the event catalog. */
    static ContractSchemaCheck forCatalog() {
        return new ContractSchemaCheck(EventCatalog.all());
    }

    @Override
    public void check(EventType type, JsonNode json) {
        JsonSchema schema = schemas.get(type);
        if (schema == null) {
            throw new PoisonRecordException("no schema for " + type.cloudEventType());
        }
        Set<ValidationMessage> violations = schema.validate(json);
        if (!violations.isEmpty()) {
            throw new PoisonRecordException("invalid against schema " + type.schemaResource() + ": "
                    + violations.stream().map(ValidationMessage::getMessage).sorted()
                    .collect(Collectors.joining("; ")));
        }
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
