package org.jingzhun.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jingzhun.platform.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How aggregate snapshots are stored: the aggregate's fields as JSON, in the event format's conventions
 * (ISO dates), whatever their visibility and without getters, since aggregates expose no state. The
 * aggregate's {@code @Revision} is stored with it, so a snapshot of an older shape is ignored and the
 * aggregate rebuilt from its events instead.
 */
public final class SnapshotJson {

    private static final Logger log = LoggerFactory.getLogger(SnapshotJson.class);

    private SnapshotJson() {
    }

    /** The mapper: every field, no accessor methods. */
    public static ObjectMapper newMapper() {
        ObjectMapper mapper = EventJson.newMapper();
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }

    /**
     * What loading the aggregate from its snapshot gives: a copy written and read back the way the event store
     * does, so that tests can check that an aggregate's whole state survives a snapshot.
     */
    @SuppressWarnings("unchecked")
    public static <T> T restored(T aggregate) {
        Serializer serializer = serializer();
        return (T) serializer.deserialize(serializer.serialize(aggregate, byte[].class));
    }

    /**
     * The shape a snapshot of the aggregate type is stored in, with its revision: {@code "1: name Type, …"}, each
     * field's generic type. A test that pins this per aggregate fails when a field changes without a new
     * {@code @Revision}, which would otherwise let old snapshots load into the new shape with fields left empty.
     */
    public static String shape(Class<?> aggregateType) {
        Revision revision = aggregateType.getAnnotation(Revision.class);
        StringBuilder shape = new StringBuilder(revision == null ? "-" : revision.value()).append(':');
        String separator = " ";
        for (Field field : aggregateType.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                shape.append(separator).append(field.getName()).append(' ')
                        .append(field.getGenericType().getTypeName().replaceAll("[a-z0-9_]+\\.", ""));
                separator = ", ";
            }
        }
        return shape.toString();
    }

    /**
     * Lets through only a snapshot that the serializer can read. Axon reads a snapshot's payload lazily, after it
     * chose the snapshot over the events, so an unreadable one (a damaged row, a class changed without a new
     * {@code @Revision}) would fail every command on the aggregate; passed over here, the aggregate is rebuilt from
     * its events instead and the next snapshot replaces it.
     */
    public static SnapshotFilter readableBy(Serializer serializer) {
        return snapshot -> {
            try {
                serializer.deserialize(snapshot.getPayload());
                return true;
            } catch (RuntimeException | LinkageError e) {
                log.warn("Passing over the unreadable snapshot of aggregate {} at sequence {}: {}",
                        snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), e.toString());
                return false;
            }
        };
    }

    /** The serializer of the event store's snapshot table (not a bean: Axon would take it for its general one). */
    public static Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(newMapper())
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }
}
