package org.jingzhun.platform.axon;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Axon's {@link AnnotationCommandTargetResolver}, finding a command class's {@link TargetAggregateIdentifier}
 * and {@link TargetAggregateVersion} members once per class instead of once per command: Axon walks every
 * method and field of the command and their meta-annotations each time (about 6 % of the Kafka inbox's
 * thread in a profile). Same members (methods first, then fields, as Axon's {@code ReflectionUtils} lists
 * them), same answers, same exceptions.
 */
final class CachingCommandTargetResolver implements CommandTargetResolver {

    private final Map<Class<?>, Members> members = new ConcurrentHashMap<>();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Members of = members.computeIfAbsent(command.getPayloadType(), Members::of);
        Object identifier;
        Long version;
        try {
            identifier = of.identifier().valueIn(command.getPayload());
            version = asLong(of.version().valueIn(command.getPayload()));
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information form a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The current security context does not allow extraction of aggregate "
                    + "information from the given command.", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
        if (identifier == null) {
            throw new IllegalArgumentException(String.format("Invalid command. It does not identify the target aggregate. "
                    + "Make sure at least one of the fields or methods in the [%s] class contains the "
                    + "@TargetAggregateIdentifier annotation and that it returns a non-null value.",
                    command.getPayloadType().getSimpleName()));
        }
        return new VersionedAggregateIdentifier(identifier, version);
    }

    private static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
    }

    /** How a value is read from a command; {@link #NONE} when its class has no such member. */
    private interface Member {
        Member NONE = payload -> null;

        Object valueIn(Object payload) throws InvocationTargetException, IllegalAccessException;

        static Member annotated(Class<?> type, Class<? extends Annotation> annotation) {
            for (Method method : ReflectionUtils.methodsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                    Method accessible = ReflectionUtils.ensureAccessible(method);
                    return payload -> accessible.invoke(payload);
                }
            }
            for (Field field : ReflectionUtils.fieldsOf(type)) {
                if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                    return payload -> ReflectionUtils.getFieldValue(field, payload);
                }
            }
            return NONE;
        }
    }

    private record Members(Member identifier, Member version) {
        static Members of(Class<?> type) {
            return new Members(Member.annotated(type, TargetAggregateIdentifier.class),
                    Member.annotated(type, TargetAggregateVersion.class));
        }
    }
}
