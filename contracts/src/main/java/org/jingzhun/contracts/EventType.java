package org.jingzhun.contracts;

import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * One public event type: its record class, the topic it is published on and the CloudEvents
 * {@code type} it travels under, e.g. {@code jingzhun.rectification.ProblemLogged.v1}.
 */
public record EventType(Class<?> eventClass, String service, String topic, String revision) {

    public EventType {
        Objects.requireNonNull(eventClass, "eventClass");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(revision, "revision");
    }

    static EventType of(Class<?> eventClass, String service, String topic) {
        Revision revision = eventClass.getAnnotation(Revision.class);
        return new EventType(eventClass, service, topic, revision == null ? "1" : revision.value());
    }

    /** The simple name, e.g. {@code ProblemLogged}. */
    public String name() {
        return eventClass.getSimpleName();
    }

    /** The CloudEvents type: {@code jingzhun.<service>.<Name>.v<revision>}. */
    public String cloudEventType() {
        return "jingzhun." + service + "." + name() + ".v" + revision;
    }

    /**
     * The CloudEvents {@code dataschema} of the event: its JSON Schema's {@code $id}. Every writing
     * service serves the schema at {@code GET /schemas/<cloudEventType>.json}.
     */
    public String dataSchema() {
        return "https://jingzhun.org/" + schemaResource();
    }

    /** Classpath location of the event's JSON Schema. */
    public String schemaResource() {
        return "schemas/" + service + "/" + name() + ".v" + revision + ".json";
    }
}
