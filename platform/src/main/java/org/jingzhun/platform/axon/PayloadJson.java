package org.jingzhun.platform.axon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jingzhun.platform.EventJson;
import org.springframework.lang.Nullable;

/**
 * An event payload's JSON ({@link EventJson}), written once per unit of work: the event contract check, the
 * hash chain and the event store's serializer ({@link PayloadJsonSerializer}) each need it as an event is
 * appended, and wrote it on their own before. Kept per payload object (by identity) in the root unit of work's
 * resources, so it lives as long as the command; outside a unit of work it is written each time. A payload is
 * not changed after it was applied (the interceptors run at prepare-commit, when the command handler is done),
 * so the JSON kept is the JSON of the payload as stored.
 */
public final class PayloadJson {

    private static final String WRITTEN = PayloadJson.class.getName() + ".written";
    private static final ObjectMapper JSON = EventJson.newMapper();

    private PayloadJson() {
    }

    /** The payload's JSON, written now or earlier in this unit of work. */
    static byte[] of(Object payload) throws JsonProcessingException {
        Map<Object, byte[]> written = written();
        if (written == null) {
            return JSON.writeValueAsBytes(payload);
        }
        byte[] bytes = written.get(payload);
        if (bytes == null) {
            bytes = JSON.writeValueAsBytes(payload);
            written.put(payload, bytes);
        }
        return bytes;
    }

    /**
     * The payload's JSON as text — for the hash chain, and for a handler in the command's unit of work (a
     * subscribing projection) that keeps the event as JSON: the bytes the event store takes, not written again.
     */
    public static String text(Object payload) {
        try {
            return new String(of(payload), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + payload.getClass().getName() + " as JSON", e);
        }
    }

    /** The payload's JSON if it was written in this unit of work, else {@code null}. */
    @Nullable
    static byte[] ifWritten(Object payload) {
        Map<Object, byte[]> written = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getResource(WRITTEN) : null;
        return written == null ? null : written.get(payload);
    }

    /** The mapper the JSON is written with, for reading it back. */
    static ObjectMapper mapper() {
        return JSON;
    }

    @Nullable
    private static Map<Object, byte[]> written() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(WRITTEN, key -> new IdentityHashMap<>())
                : null;
    }
}
