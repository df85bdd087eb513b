package org.jingzhun.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Header names of CloudEvents 1.0 Kafka binary mode, plus Jingzhun's own. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    /** The aggregate's sequence number of the event. */
    public static final String SEQUENCE = "jingzhun_sequence";
    /** Who issued the command that caused the event. */
    public static final String ACTOR = "jingzhun_actor";
    /** On dead-lettered records: why the record could not be projected. */
    public static final String DLT_REASON = "jingzhun_dlt_reason";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The last value of a header as UTF-8 text. */
    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** Adds a UTF-8 header when the value is present. */
    public static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
