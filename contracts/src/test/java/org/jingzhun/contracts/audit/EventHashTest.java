package org.jingzhun.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventHashTest {

    private static final String TYPE = "jingzhun.rectification.ProblemLogged.v1";
    private static final Instant TIME = Instant.parse("2026-12-03T08:00:00.123456789Z");
    private static final String PAYLOAD = "{\"b\": 2, \"a\": \"张三\", \"n\": 1.0}";

    private static String hash(String prev, String id, String type, String aggregate, long sequence, Instant time,
                               String payload) {
        return EventHash.of(prev, id, type, aggregate, sequence, time, payload);
    }

    @Test
    void matchesTheSpecifiedByteStringComputedIndependently() {
        // Computed with Python's hashlib from contracts/AUDIT-CHAIN.md, not with this class.
        assertThat(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, TIME, PAYLOAD))
                .isEqualTo("9b599c13b02d2ccbe271ee3e0df02e2470eb5322aa3a7b3268994d71dbfd3f69");
    }

    @Test
    void formattingAndKeyOrderOfThePayloadDoNotMatter() {
        String other = "{\n  \"n\" : 1, \"a\":\"\\u5f20\\u4e09\",\"b\":2.0e0}";
        assertThat(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, TIME, other))
                .isEqualTo(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, TIME, PAYLOAD));
    }

    @Test
    void everyFieldChangesTheHash() {
        String base = hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, TIME, PAYLOAD);
        assertThat(hash("1".repeat(64), "e-1", TYPE, "agg-1", 3, TIME, PAYLOAD)).isNotEqualTo(base);
        assertThat(hash(EventHash.GENESIS, "e-2", TYPE, "agg-1", 3, TIME, PAYLOAD)).isNotEqualTo(base);
        assertThat(hash(EventHash.GENESIS, "e-1", TYPE.replace("v1", "v2"), "agg-1", 3, TIME, PAYLOAD))
                .isNotEqualTo(base);
        assertThat(hash(EventHash.GENESIS, "e-1", TYPE, "agg-2", 3, TIME, PAYLOAD)).isNotEqualTo(base);
        assertThat(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 4, TIME, PAYLOAD)).isNotEqualTo(base);
        assertThat(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, TIME.plusMillis(1), PAYLOAD)).isNotEqualTo(base);
        assertThat(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, TIME, PAYLOAD.replace("2,", "3,")))
                .isNotEqualTo(base);
    }

    @Test
    void fieldsAreLengthPrefixedSoBoundariesCannotShift() {
        assertThat(hash(EventHash.GENESIS, "e-1a", TYPE, "gg-1", 3, TIME, PAYLOAD))
                .isNotEqualTo(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, TIME, PAYLOAD));
    }

    @Test
    void timeIsHashedToTheMillisecondInUtc() {
        assertThat(EventHash.time(TIME)).isEqualTo("2026-12-03T08:00:00.123Z");
        assertThat(EventHash.time(Instant.parse("2026-12-03T08:00:00Z"))).isEqualTo("2026-12-03T08:00:00.000Z");
        // A store that keeps microseconds (PostgreSQL) and one that keeps nanoseconds agree.
        assertThat(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, Instant.parse("2026-12-03T08:00:00.123456Z"),
                PAYLOAD)).isEqualTo(hash(EventHash.GENESIS, "e-1", TYPE, "agg-1", 3, TIME, PAYLOAD));
    }

    @Test
    void canonicalJsonFollowsRfc8785() {
        // RFC 8785 section 3.2.2 example input and output.
        String input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + " \"literals\": [null, true, false]}";
        assertThat(EventHash.canonicalJson(input)).isEqualTo("{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void canonicalJsonSortsKeysByUtf16CodeUnitsAtEveryLevel() {
        assertThat(EventHash.canonicalJson("{\"b\":{\"z\":1,\"a\":[{\"y\":0,\"x\":0}]},\"a\":\"\"}"))
                .isEqualTo("{\"a\":\"\",\"b\":{\"a\":[{\"x\":0,\"y\":0}],\"z\":1}}");
    }

    @Test
    void notJsonIsRefused() {
        assertThatThrownBy(() -> EventHash.canonicalJson("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chainIsServiceAndAggregate() {
        assertThat(EventHash.chainOf(TYPE, "agg-1")).isEqualTo("rectification/agg-1");
        assertThat(EventHash.isHash(EventHash.GENESIS)).isTrue();
        assertThat(EventHash.isHash("ABC")).isFalse();
    }
}
