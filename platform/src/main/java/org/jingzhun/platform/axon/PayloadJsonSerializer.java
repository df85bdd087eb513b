package org.jingzhun.platform.axon;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The event store's serializer, taking a payload's JSON that the contract check and the hash chain already
 * wrote in this unit of work ({@link PayloadJson}) instead of writing it a third time. Axon's Jackson
 * serializer writes with the event mapper too ({@code defaultAxonObjectMapper}, {@link
 * org.jingzhun.platform.EventJson}), so the bytes are the ones it would store; anything else (metadata, a
 * payload not written yet, another representation, reading) is the delegate's.
 */
final class PayloadJsonSerializer implements Serializer {

    private final Serializer delegate;

    private PayloadJsonSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    /** {@code serializer} taking the payloads' JSON written earlier, if it writes the event mapper's JSON. */
    static Serializer around(Serializer serializer) {
        return serializer instanceof JacksonSerializer ? new PayloadJsonSerializer(serializer) : serializer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object != null && byte[].class.equals(expectedRepresentation)) {
            byte[] written = PayloadJson.ifWritten(object);
            if (written != null) {
                return new SimpleSerializedObject<>((T) written, expectedRepresentation, typeForClass(object.getClass()));
            }
        }
        return delegate.serialize(object, expectedRepresentation);
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        return delegate.deserialize(serializedObject);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
