package org.jingzhun.platform.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder((type, json) -> {
        if (!json.has("organizationId")) {
            throw new PoisonRecordException("organizationId is required");
        }
    });

    private static ConsumerRecord<String, byte[]> record(String type, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", "e1".getBytes(StandardCharsets.UTF_8));
        if (type != null) {
            headers.add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        }
        headers.add("ce_time", "2019-09-27T21:12:00+08:00".getBytes(StandardCharsets.UTF_8));
        headers.add("jingzhun_sequence", "0".getBytes(StandardCharsets.UTF_8));
        headers.add("jingzhun_actor", "admin".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("jingzhun.organization.events", 2, 7L, 0L, TimestampType.CREATE_TIME, 0, 0, "o1",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers, java.util.Optional.empty());
    }

    @Test
    void decodesAKnownEvent() {
        ProjectedEvent event = decoder.decode(record("jingzhun.organization.OrganizationRegistered.v1",
                "{\"organizationId\":\"o1\",\"name\":\"县委常委会\",\"tier\":\"COUNTY\",\"sector\":\"COUNTY_LEADERSHIP\"}"));
        assertThat(event.payload()).isInstanceOf(OrganizationRegistered.class);
        assertThat(((OrganizationRegistered) event.payload()).tier()).isEqualTo(Tier.COUNTY);
        assertThat(event.eventId()).isEqualTo("e1");
        assertThat(event.subject()).isEqualTo("o1");
        assertThat(event.actor()).isEqualTo("admin");
        assertThat(event.sequence()).isZero();
        assertThat(event.partition()).isEqualTo(2);
        assertThat(event.offset()).isEqualTo(7L);
        assertThat(event.causationSource()).isNull();
        assertThat(event.causationId()).isNull();
    }

    @Test
    void keepsTheInboxCloudEventThatCausedTheEvent() {
        ConsumerRecord<String, byte[]> record = record("jingzhun.organization.OrganizationRegistered.v1",
                "{\"organizationId\":\"o1\",\"name\":\"县委常委会\",\"tier\":\"COUNTY\",\"sector\":\"COUNTY_LEADERSHIP\"}");
        record.headers().add("jingzhun_causation_source", "/county/study-platform".getBytes(StandardCharsets.UTF_8));
        record.headers().add("jingzhun_causation_id", "session-42".getBytes(StandardCharsets.UTF_8));

        ProjectedEvent event = decoder.decode(record);

        assertThat(event.causationSource()).isEqualTo("/county/study-platform");
        assertThat(event.causationId()).isEqualTo("session-42");
    }

    @Test
    void leavesTheSchemaCheckOutOnlyWhenAskedTo() {
        ConsumerRecord<String, byte[]> record = record("jingzhun.organization.OrganizationRegistered.v1",
                "{\"name\":\"县委常委会\",\"tier\":\"COUNTY\",\"sector\":\"COUNTY_LEADERSHIP\"}");

        assertThatThrownBy(() -> decoder.decode(record)).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("organizationId is required");
        assertThatThrownBy(() -> decoder.decode(record, true)).isInstanceOf(PoisonRecordException.class);
        // A record the check let through before (a rebuild re-reading what the live projector applied).
        assertThat(decoder.decode(record, false).payload()).isInstanceOf(OrganizationRegistered.class);
        // What the check does not do stays: a record that is not JSON is poison either way.
        assertThatThrownBy(() -> decoder.decode(record("jingzhun.organization.OrganizationRegistered.v1", "{oops"),
                false)).isInstanceOf(PoisonRecordException.class).hasMessageContaining("not JSON");
    }

    @Test
    void refusesAnUnknownType() {
        assertThatThrownBy(() -> decoder.decode(record("jingzhun.organization.Nope.v1", "{}")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("unknown event type");
    }

    @Test
    void refusesAMissingType() {
        assertThatThrownBy(() -> decoder.decode(record(null, "{}")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("ce_type");
    }

    @Test
    void refusesBadJson() {
        assertThatThrownBy(() -> decoder.decode(record("jingzhun.organization.OrganizationRegistered.v1", "{oops")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("not JSON");
    }

    @Test
    void refusesWhatTheSchemaCheckRefuses() {
        assertThatThrownBy(() -> decoder.decode(record("jingzhun.organization.OrganizationRegistered.v1",
                "{\"name\":\"x\",\"tier\":\"COUNTY\",\"sector\":\"COUNTY_LEADERSHIP\"}")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("organizationId");
    }

    @Test
    void refusesAValueThatDoesNotMatchTheRecord() {
        assertThatThrownBy(() -> decoder.decode(record("jingzhun.organization.OrganizationRegistered.v1",
                "{\"organizationId\":\"o1\",\"tier\":\"PLATOON\"}")))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("does not match");
    }

    @Test
    void replacesNulInTextWithTheReplacementCharacterAndKeepsTheJsonAsItTravelled() {
        String json = "{\"organizationId\":\"o1\",\"name\":\"a\\u0000b\",\"tier\":\"COUNTY\","
                + "\"sector\":\"COUNTY_LEADERSHIP\"}";
        ProjectedEvent event = decoder.decode(record("jingzhun.organization.OrganizationRegistered.v1", json));
        assertThat(((OrganizationRegistered) event.payload()).name()).isEqualTo("a\uFFFDb");
        assertThat(event.json()).isEqualTo(json);
    }

    @Test
    void leavesAnEscapedBackslashBeforeU0000Alone() {
        String json = "{\"organizationId\":\"o1\",\"name\":\"a\\\\u0000b\",\"tier\":\"COUNTY\","
                + "\"sector\":\"COUNTY_LEADERSHIP\"}";
        ProjectedEvent event = decoder.decode(record("jingzhun.organization.OrganizationRegistered.v1", json));
        assertThat(((OrganizationRegistered) event.payload()).name()).isEqualTo("a\\u0000b");
    }

    @Test
    void decodesARecordLeftUncheckedToTheSameEventAsACheckedOne() {
        // Without the check the payload is mapped straight from the bytes, not through a tree: the same event.
        RecordDecoder lenient = new RecordDecoder((type, json) -> { });
        String session = "{\"sessionId\":\"s1\",\"organizationId\":\"o1\",\"campaignId\":\"c1\","
                + "\"date\":\"2019-09-20\",\"days\":1.5,\"format\":\"CONCENTRATED\",\"readings\":[\"党章\",\"x\"],"
                + "\"attendees\":25,\"laterField\":{\"a\":[1,2]}}";
        ConsumerRecord<String, byte[]> record = record("jingzhun.checklist.StudySessionHeld.v1", session);
        record.headers().add("ce_time", "2019-09-20T10:00:00.123456789Z".getBytes(StandardCharsets.UTF_8));
        ProjectedEvent checked = lenient.decode(record, true);
        ProjectedEvent unchecked = lenient.decode(record, false);
        assertThat(unchecked.payload()).isInstanceOf(org.jingzhun.contracts.checklist.StudySessionHeld.class)
                .isEqualTo(checked.payload());
        assertThat(unchecked).isEqualTo(checked);
        assertThat(unchecked.time()).isEqualTo(java.time.OffsetDateTime.parse("2019-09-20T10:00:00.123456789Z"));
        assertThat(unchecked.json()).isEqualTo(session);
        // A NUL still has its text replaced, and JSON that is no object is still poison.
        String nul = "{\"organizationId\":\"o1\",\"name\":\"a\\u0000b\",\"tier\":\"COUNTY\","
                + "\"sector\":\"COUNTY_LEADERSHIP\"}";
        assertThat(((OrganizationRegistered) lenient.decode(record("jingzhun.organization.OrganizationRegistered.v1",
                nul), false).payload()).name()).isEqualTo("a\uFFFDb");
        for (String notAnObject : new String[] {"null", "[1]", "7"}) {
            assertThatThrownBy(() -> lenient.decode(record("jingzhun.organization.OrganizationRegistered.v1",
                    notAnObject), false)).as(notAnObject).isInstanceOf(PoisonRecordException.class);
        }
    }
}
