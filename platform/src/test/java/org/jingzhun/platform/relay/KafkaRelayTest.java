package org.jingzhun.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jingzhun.platform.EventJson;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.junit.jupiter.api.Test;

class KafkaRelayTest {

    /** The event store's serializer, as the suite's (the event mapper). */
    private final Serializer store = JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
    private final KafkaRelay relay = new KafkaRelay(
            new RelaySettings("jingzhun.organization.events", 100, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Duration.ofMinutes(2), 5),
            "/jingzhun/organization-service", ZoneId.of("Asia/Shanghai"), () -> null,
            new TopicProvisioner(new KafkaSettings("localhost:1", 6, (short) 1, Duration.ofSeconds(1))),
            1_048_576, null, store, new SimpleMeterRegistry());

    @Test
    void mapsADomainEventToACloudEventsBinaryModeRecord() {
        OrganizationRegistered payload = new OrganizationRegistered("o1", "县委常委会", Tier.COUNTY,
                Sector.COUNTY_LEADERSHIP, null);
        var message = new GenericDomainEventMessage<>("Organization", "o1", 3L, payload,
                MetaData.from(Map.of("actor", "clerk")), "event-1", Instant.parse("2019-09-27T13:12:00Z"));

        ProducerRecord<String, byte[]> record = relay.toRecord(
                EventCatalog.byClass(OrganizationRegistered.class).orElseThrow(), message);

        assertThat(record.topic()).isEqualTo("jingzhun.organization.events");
        assertThat(record.key()).isEqualTo("o1");
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"tier\":\"COUNTY\"");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo("event-1");
        assertThat(header(record, "ce_source")).isEqualTo("/jingzhun/organization-service");
        assertThat(header(record, "ce_type")).isEqualTo("jingzhun.organization.OrganizationRegistered.v1");
        assertThat(header(record, "ce_time")).isEqualTo("2019-09-27T21:12:00+08:00");
        assertThat(header(record, "ce_subject")).isEqualTo("o1");
        assertThat(header(record, "jingzhun_sequence")).isEqualTo("3");
        assertThat(header(record, "jingzhun_actor")).isEqualTo("clerk");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "ce_dataschema"))
                .isEqualTo("https://jingzhun.org/schemas/organization/OrganizationRegistered.v1.json");
    }

    @Test
    void sendsAStoredEventsJsonAsStoredWithoutReadingItBack() throws Exception {
        // Not what writing the payload now would give (order, spaces): the bytes its hash was computed over.
        byte[] stored = """
                {"name": "县委常委会", "organizationId": "o1", "tier": "COUNTY", "sector": "COUNTY_LEADERSHIP"}"""
                .getBytes(StandardCharsets.UTF_8);
        SerializedMessage<OrganizationRegistered> read = new SerializedMessage<>("event-1",
                new SimpleSerializedObject<>(stored, byte[].class, store.typeForClass(OrganizationRegistered.class)),
                store.serialize(MetaData.emptyInstance(), byte[].class), store);
        var message = new GenericDomainEventMessage<>("Organization", "o1", 0L, read,
                Instant.parse("2019-09-27T13:12:00Z"));

        ProducerRecord<String, byte[]> record = relay.toRecord(
                EventCatalog.byClass(OrganizationRegistered.class).orElseThrow(), message);

        assertThat(record.value()).isEqualTo(stored);
        assertThat(read.isPayloadDeserialized()).isFalse();
        assertThat(header(record, "ce_type")).isEqualTo("jingzhun.organization.OrganizationRegistered.v1");
        // A message not read from the store: its payload written with the event mapper, as before.
        OrganizationRegistered payload = new OrganizationRegistered("o2", "党支部", Tier.BRANCH, Sector.VILLAGE, "o1");
        assertThat(relay.toRecord(EventCatalog.byClass(OrganizationRegistered.class).orElseThrow(),
                new GenericDomainEventMessage<>("Organization", "o2", 0L, payload)).value())
                .isEqualTo(EventJson.newMapper().writeValueAsBytes(payload));
    }

    @Test
    void refusesARecordLargerThanTheProducersMaxRequestSizeBeforeSendingIt() {
        OrganizationRegistered payload = new OrganizationRegistered("o2", "党".repeat(400_000), Tier.BRANCH,
                Sector.VILLAGE, null);
        var message = new GenericDomainEventMessage<>("Organization", "o2", 0L, payload);
        var type = EventCatalog.byClass(OrganizationRegistered.class).orElseThrow();

        assertThatThrownBy(() -> relay.sendable(type, message))
                .isInstanceOf(UnsendableEventException.class)
                .hasMessageContaining("max.request.size of 1048576")
                .satisfies(e -> assertThat(((UnsendableEventException) e).sizeBytes()).isGreaterThan(1_200_000L));
    }

    @Test
    void acceptsARecordJustUnderTheLimit() {
        OrganizationRegistered payload = new OrganizationRegistered("o3", "党".repeat(300_000), Tier.BRANCH,
                Sector.VILLAGE, null);
        var message = new GenericDomainEventMessage<>("Organization", "o3", 0L, payload);

        assertThat(relay.sendable(EventCatalog.byClass(OrganizationRegistered.class).orElseThrow(), message)
                .value()).hasSizeGreaterThan(900_000);
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
