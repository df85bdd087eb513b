package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.jingzhun.contracts.audit.EventHash;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class EventChainInterceptorTest {

    private static final String TYPE = "jingzhun.organization.OrganizationRenamed.v1";
    private static final Instant TIME = Instant.parse("2026-12-03T08:00:00.123456Z");

    private final AtomicInteger storeReads = new AtomicInteger();
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine() {
        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            storeReads.incrementAndGet();
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
    };
    private final TransactionTemplate transaction = new TransactionTemplate(new SynchronizationOnlyTransactions());
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(storage).build();

    {
        store.registerDispatchInterceptor(new EventChainInterceptor(storage));
    }

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Organization", aggregate, sequence, payload, MetaData.emptyInstance(),
                aggregate + "-" + sequence, TIME);
    }

    private static OrganizationRenamed renamed(String name) {
        return new OrganizationRenamed("o1", name, "旧名");
    }

    private void publishInOneUnitOfWork(DomainEventMessage<?>... events) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(events));
    }

    private List<? extends DomainEventMessage<?>> stored(String aggregate) {
        return store.readEvents(aggregate).asStream().toList();
    }

    private static String hash(DomainEventMessage<?> event) {
        return (String) event.getMetaData().get(EventHash.HASH);
    }

    private static String prev(DomainEventMessage<?> event) {
        return (String) event.getMetaData().get(EventHash.PREV_HASH);
    }

    @Test
    void chainsTheEventsOfOneUnitOfWorkAndThoseOfTheNextFromTheStore() {
        publishInOneUnitOfWork(event("o1", 0, renamed("甲")), event("o1", 1, renamed("乙")));
        publishInOneUnitOfWork(event("o1", 2, renamed("丙")));

        List<? extends DomainEventMessage<?>> events = stored("o1");
        assertThat(events).hasSize(3);
        assertThat(prev(events.get(0))).isEqualTo(EventHash.GENESIS);
        assertThat(prev(events.get(1))).isEqualTo(hash(events.get(0)));
        assertThat(prev(events.get(2))).isEqualTo(hash(events.get(1)));
        for (DomainEventMessage<?> event : events) {
            assertThat(hash(event)).isEqualTo(EventHash.of(prev(event), event.getIdentifier(), TYPE, "o1",
                    event.getSequenceNumber(), TIME, "{\"organizationId\":\"o1\",\"name\":\""
                            + ((OrganizationRenamed) event.getPayload()).name() + "\",\"previousName\":\"旧名\"}"));
        }
    }

    @Test
    void chainsTheUnitsOfWorkOfOneTransactionFromTheHeadsItKeptReadingTheStoreOnce() {
        publishInOneUnitOfWork(event("o1", 0, renamed("甲")));
        storeReads.set(0);

        // The Kafka inbox: one transaction, one unit of work per CloudEvent.
        transaction.executeWithoutResult(status -> {
            publishInOneUnitOfWork(event("o1", 1, renamed("乙")));
            publishInOneUnitOfWork(event("o1", 2, renamed("丙")));
            publishInOneUnitOfWork(event("o1", 3, renamed("丁")));
        });

        assertThat(storeReads).hasValue(1);
        List<? extends DomainEventMessage<?>> events = stored("o1");
        for (int i = 1; i < events.size(); i++) {
            assertThat(prev(events.get(i))).isEqualTo(hash(events.get(i - 1)));
        }
    }

    @Test
    void aHeadKeptInTheTransactionServesOnlyTheEventRightAfterIt() {
        String otherWritersHash = "b".repeat(64);
        transaction.executeWithoutResult(status -> {
            publishInOneUnitOfWork(event("o1", 0, renamed("甲")));
            // Another writer appended the next event meanwhile: the head kept here is no longer the head.
            storage.appendEvents(event("o1", 1, renamed("乙")).andMetaData(
                    Map.of(EventHash.HASH, otherWritersHash, EventHash.PREV_HASH, EventHash.GENESIS)));
            publishInOneUnitOfWork(event("o1", 2, renamed("丙")));
        });

        assertThat(prev(stored("o1").get(2))).isEqualTo(otherWritersHash);
    }

    @Test
    void aNewTransactionTakesTheHeadTheOneBeforeItCommitted() {
        transaction.executeWithoutResult(status -> publishInOneUnitOfWork(event("o1", 0, renamed("甲"))));
        storeReads.set(0);

        transaction.executeWithoutResult(status -> publishInOneUnitOfWork(event("o1", 1, renamed("乙"))));

        assertThat(storeReads).hasValue(0);
        assertThat(prev(stored("o1").get(1))).isEqualTo(hash(stored("o1").get(0)));
    }

    @Test
    void aHeadIsKeptForLaterTransactionsOnlyOnceItsTransactionCommitted() {
        transaction.executeWithoutResult(status -> publishInOneUnitOfWork(event("o1", 0, renamed("甲"))));
        transaction.executeWithoutResult(status -> {
            publishInOneUnitOfWork(event("o1", 1, renamed("乙")));
            status.setRollbackOnly();
        });
        storeReads.set(0);

        // (The in-memory store keeps what the rolled-back transaction appended; a database would not.)
        transaction.executeWithoutResult(status -> publishInOneUnitOfWork(event("o1", 2, renamed("丙"))));

        assertThat(storeReads).as("the rolled-back transaction's head was not kept").hasValue(1);
        assertThat(prev(stored("o1").get(2))).isEqualTo(hash(stored("o1").get(1)));
    }

    @Test
    void aCommittedHeadServesOnlyTheEventRightAfterIt() {
        transaction.executeWithoutResult(status -> publishInOneUnitOfWork(event("o1", 0, renamed("甲"))));
        String otherWritersHash = "c".repeat(64);
        // Another instance of the service appended the next event: the head kept here is no longer the head.
        storage.appendEvents(event("o1", 1, renamed("乙")).andMetaData(
                Map.of(EventHash.HASH, otherWritersHash, EventHash.PREV_HASH, EventHash.GENESIS)));

        transaction.executeWithoutResult(status -> publishInOneUnitOfWork(event("o1", 2, renamed("丙"))));

        assertThat(prev(stored("o1").get(2))).isEqualTo(otherWritersHash);
    }

    @Test
    void aggregatesHaveChainsOfTheirOwn() {
        publishInOneUnitOfWork(event("o1", 0, renamed("甲")), event("o2", 0, renamed("甲")), event("o2", 1, renamed("乙")));

        assertThat(prev(stored("o2").get(0))).isEqualTo(EventHash.GENESIS);
        assertThat(prev(stored("o2").get(1))).isEqualTo(hash(stored("o2").get(0)));
        assertThat(hash(stored("o1").get(0))).isNotEqualTo(hash(stored("o2").get(0)));
    }

    @Test
    void aPrivateEventCarriesTheHeadAndTheNextPublicEventLinksToTheLastPublicOne() {
        publishInOneUnitOfWork(event("o1", 0, renamed("甲")), event("o1", 1, new PrivateNote("only here")));
        publishInOneUnitOfWork(event("o1", 2, renamed("乙")));

        List<? extends DomainEventMessage<?>> events = stored("o1");
        assertThat(events.get(1).getMetaData()).doesNotContainKey(EventHash.HASH)
                .containsEntry(EventHash.PREV_HASH, hash(events.get(0)));
        assertThat(prev(events.get(2))).isEqualTo(hash(events.get(0)));
    }

    @Test
    void anAggregateStoredBeforeChainingStartsItsChainAtGenesis() {
        // Appended straight to the storage: no interceptor, like events stored before this feature.
        storage.appendEvents(event("o1", 0, renamed("甲")), event("o1", 1, renamed("乙")));
        publishInOneUnitOfWork(event("o1", 2, renamed("丙")));

        assertThat(prev(stored("o1").get(2))).isEqualTo(EventHash.GENESIS);
        assertThat(hash(stored("o1").get(2))).isNotNull();
    }

    @Test
    void anEventPublishedWithoutAUnitOfWorkIsChainedToo() {
        store.publish(event("o1", 0, renamed("甲")));
        store.publish(event("o1", 1, renamed("乙")));

        assertThat(prev(stored("o1").get(1))).isEqualTo(hash(stored("o1").get(0)));
    }

    @Test
    void anEventThatAlreadyCarriesAHashIsLeftAlone() {
        DomainEventMessage<?> hashed = event("o1", 0, renamed("甲")).andMetaData(
                Map.of(EventHash.HASH, "a".repeat(64), EventHash.PREV_HASH, EventHash.GENESIS));
        publishInOneUnitOfWork(hashed);

        assertThat(hash(stored("o1").get(0))).isEqualTo("a".repeat(64));
    }

    record PrivateNote(String text) {
    }
}
