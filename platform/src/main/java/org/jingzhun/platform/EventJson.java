package org.jingzhun.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON format of public events: the same for Axon's event store and for Kafka, independent of
 * the web layer's ObjectMapper so that no {@code spring.jackson.*} setting can change stored events.
 */
public final class EventJson {

    private EventJson() {
    }

    /** A new mapper in the event format: ISO-8601 dates and instants, unknown properties tolerated. */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Readers must tolerate fields added by a later revision of an event.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
