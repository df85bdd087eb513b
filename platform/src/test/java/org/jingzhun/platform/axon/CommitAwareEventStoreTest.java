package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

class CommitAwareEventStoreTest {

    private final AtomicInteger wakeUps = new AtomicInteger();
    private final SynchronizationOnlyTransactions transactions = new SynchronizationOnlyTransactions();
    private final TransactionTemplate transaction = new TransactionTemplate(transactions);
    private final CommitAwareEventStore store = new CommitAwareEventStore(
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())) {
        @Override
        void wakeUpReaders() {
            wakeUps.incrementAndGet();
            super.wakeUpReaders();
        }
    };

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    private void command(String payload) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(GenericEventMessage.asEventMessage(payload)));
    }

    @Test
    void aUnitOfWorkOutsideAnyTransactionWakesTheReadersAtOnce() {
        command("a");
        command("b");

        assertThat(wakeUps).hasValue(2);
    }

    @Test
    void aUnitOfWorkThatCommitsItsOwnTransactionWakesTheReadersAtOnce() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(new SpringTransactionManager(transactions));
        unitOfWork.execute(() -> store.publish(GenericEventMessage.asEventMessage("a")));

        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void theCommandsOfOneTransactionWakeTheReadersOnceWhenItCommits() {
        transaction.executeWithoutResult(status -> {
            command("a");
            command("b");
            command("c");
            assertThat(wakeUps).as("nothing is visible before the commit").hasValue(0);
        });

        assertThat(wakeUps).hasValue(1);

        transaction.executeWithoutResult(status -> command("d"));
        assertThat(wakeUps).as("the next transaction wakes them again").hasValue(2);
    }

    @Test
    void aTransactionRolledBackWakesNoReader() {
        transaction.executeWithoutResult(status -> {
            command("a");
            status.setRollbackOnly();
        });

        assertThat(wakeUps).hasValue(0);
    }
}
