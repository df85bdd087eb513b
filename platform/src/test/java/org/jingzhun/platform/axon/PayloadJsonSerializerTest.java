package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.EventSchemas;
import org.junit.jupiter.api.Test;

class PayloadJsonSerializerTest {

    private final Serializer jackson = JacksonSerializer.builder().objectMapper(EventJson.newMapper()).build();
    private final Serializer serializer = PayloadJsonSerializer.around(jackson);

    private static StudySessionHeld session() {
        return new StudySessionHeld("r-1", "s-1", "o-1", "c-1", LocalDate.of(2019, 9, 20), 1.5, StudyFormat.ONLINE,
                List.of("《习近平新时代中国特色社会主义思想学习纲要》"), 3, List.of("m-1", "m-2"));
    }

    @Test
    void storesTheJsonTheContractCheckAndTheChainWroteWhichIsTheJsonAxonWouldStore() {
        StudySessionHeld event = session();
        SerializedObject<byte[]> axon = jackson.serialize(event, byte[].class);

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            byte[] written;
            try {
                written = PayloadJson.of(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
            assertThat(stored.getData()).as("not written again").isSameAs(written);
            assertThat(stored.getData()).isEqualTo(axon.getData());
            assertThat(stored.getType()).isEqualTo(axon.getType());
            assertThat(serializer.<byte[], StudySessionHeld>deserialize(stored)).isEqualTo(event);
        });
    }

    @Test
    void writesWhatWasNotWrittenInThisUnitOfWork() {
        StudySessionHeld event = session();
        byte[] outside = serializer.serialize(event, byte[].class).getData();
        assertThat(outside).isEqualTo(jackson.serialize(event, byte[].class).getData());

        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            StudySessionHeld equalButAnother = session();
            assertThat(serializer.serialize(equalButAnother, byte[].class).getData())
                    .isEqualTo(outside).isNotSameAs(outside);
            assertThat(serializer.serialize(event, String.class).getData()).isEqualTo(new String(outside,
                    java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    @Test
    void theContractCheckAndTheChainShareOneJsonPerEvent() {
        InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();
        AtomicReference<byte[]> checked = new AtomicReference<>();
        AtomicReference<byte[]> hashed = new AtomicReference<>();
        EventContractInterceptor contract = new EventContractInterceptor(EventSchemas.forCatalog(), 768 * 1024);
        store.registerDispatchInterceptor(new EventChainInterceptor(storage));
        store.registerDispatchInterceptor(messages -> (index, message) -> {
            hashed.set(PayloadJson.ifWritten(message.getPayload()));
            return message;
        });
        store.registerDispatchInterceptor(contract);
        store.registerDispatchInterceptor(messages -> (index, message) -> {
            checked.set(PayloadJson.ifWritten(message.getPayload()));
            return message;
        });
        DomainEventMessage<?> event = new GenericDomainEventMessage<>("CampaignRecord", "r-1", 0, session());
        try {
            DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(event));
        } finally {
            store.shutDown();
        }

        assertThat(hashed.get()).as("written by the chain").isNotNull();
        assertThat(checked.get()).as("the contract check took the chain's").isSameAs(hashed.get());
        assertThat(PayloadJson.ifWritten(event.getPayload())).as("nothing kept after the unit of work").isNull();
    }
}
