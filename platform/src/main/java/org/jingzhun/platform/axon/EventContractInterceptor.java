package org.jingzhun.platform.axon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.EventSchemas;
import org.jingzhun.platform.web.RuleViolation;

/**
 * Checks every public event as it is applied, before anything is stored: against its JSON Schema in
 * {@code contracts} (the schema reporting checks on intake, so whatever a writing service stores,
 * reporting can store too) and against a size that Kafka can carry. A refused event fails the command
 * with a 400 {@link Refused} and its unit of work rolls back: nothing is stored.
 */
public class EventContractInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {

    private final EventSchemas schemas;
    private final long maxBytes;

    public EventContractInterceptor(EventSchemas schemas, long maxBytes) {
        this.schemas = schemas;
        this.maxBytes = maxBytes;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, message) -> {
            check(message.getPayload());
            return message;
        };
    }

    /** Throws {@link Refused} when {@code event} is a public event that breaks its contract. */
    public void check(Object event) {
        EventType type = EventCatalog.byClass(event.getClass()).orElse(null);
        if (type == null) {
            return;
        }
        byte[] bytes;
        JsonNode tree;
        try {
            // The relay writes the event with the same mapper: this is what Kafka and reporting will get.
            // Written once per unit of work: the hash chain and the event store take the same bytes.
            bytes = PayloadJson.of(event);
            tree = PayloadJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new Refused("$", type.name() + " cannot be written as JSON: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw new Refused(largestField(tree), type.name() + " would be " + bytes.length
                    + " bytes of JSON, more than the " + maxBytes + " an event may have");
        }
        List<EventSchemas.Violation> violations = schemas.violations(type, tree);
        if (!violations.isEmpty()) {
            throw new Refused(violations.get(0).field(), type.name() + " would break its contract ("
                    + type.schemaResource() + "): " + violations.stream()
                    .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        }
    }

    private static String largestField(JsonNode tree) {
        return StreamSupport.stream(((Iterable<Map.Entry<String, JsonNode>>) tree::fields).spliterator(), false)
                .max(Comparator.comparingInt(entry -> entry.getValue().toString().length()))
                .map(Map.Entry::getKey)
                .orElse("$");
    }

    /** A public event that breaks its schema or is too large: the request's fault, 400. */
    public static final class Refused extends RuleViolation {
        Refused(String field, String message) {
            super(Kind.INVALID, "contract-violation", field, message);
        }
    }
}
