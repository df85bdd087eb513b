package org.jingzhun.reporting.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.EventSchemas;
import org.jingzhun.platform.projection.NulText;
import org.jingzhun.platform.projection.PoisonRecordException;
import org.jingzhun.platform.projection.RecordDecoder;

/**
 * Checks an event's JSON against the schema its type publishes in {@code contracts} — the same check
 * ({@link EventSchemas}) the writing services apply before they store an event. A violation here means
 * a producer broke its promise: the record is poison.
 */
final class ContractSchemaCheck implements RecordDecoder.SchemaCheck {

    private final EventSchemas schemas;
    private final Collection<EventType> types;

    /**
     * Loads every schema up front, so that a type without a schema stops start-up instead of
     * dead-lettering all its events.
     */
    ContractSchemaCheck(Collection<EventType> types) {
        this.schemas = new EventSchemas(types);
        this.types = List.copyOf(types);
    }

    /** The check for every type of the event catalog. */
    static ContractSchemaCheck forCatalog() {
        return new ContractSchemaCheck(EventCatalog.all());
    }

    @Override
    public void check(EventType type, JsonNode json) {
        if (!types.contains(type)) {
            throw new PoisonRecordException("no schema for " + type.cloudEventType());
        }
        // The schemas refuse U+0000 so that the writing services never store it, but events stored before they
        // did may carry it: reporting keeps those (U+FFFD in the read models, as sent in the audit trail), so a NUL
        // alone does not make an event poison.
        List<EventSchemas.Violation> violations = schemas.violations(type,
                NulText.containsNul(json) ? NulText.sanitized(json) : json);
        if (!violations.isEmpty()) {
            throw new PoisonRecordException("invalid against schema " + type.schemaResource() + ": "
                    + violations.stream().map(v -> v.field() + ": " + v.message())
                    .collect(Collectors.joining("; ")));
        }
    }
}
