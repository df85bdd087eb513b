package org.jingzhun.platform.axon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.audit.EventHash;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Chains every public domain event as it is appended: puts {@code jingzhun_prev_hash} and
 * {@code jingzhun_hash} ({@link EventHash}) in its metadata, so they are stored with it in the event
 * store and travel as Kafka headers. One chain per aggregate: the previous hash is the hash of the
 * aggregate's previous public event, taken from the events chained earlier in the same transaction (the
 * Kafka inbox records a whole poll in one, so the store is read once per aggregate and poll, not once per
 * event) or unit of work, or from the heads earlier transactions committed through this interceptor (a
 * growing aggregate, such as a campaign record taking a visit per command, is not read back for each
 * command), or else from the metadata of the aggregate's event at {@code sequence - 1} in the store. A head
 * kept from earlier is used only for the event right after it ({@code sequence - 1}): anything else (an event
 * appended by another transaction or another instance in between) reads the store. A non-public event (one not
 * in the {@link EventCatalog}) does not extend the chain; it carries the chain's head as
 * {@code jingzhun_prev_hash} only, so the next public event finds it. An aggregate whose earlier events
 * were stored before chaining existed starts its chain at {@link EventHash#GENESIS}.
 *
 * <p>Axon invokes event-bus dispatch interceptors at prepare-commit over all staged events in order,
 * before the event store appends them, so the hashes are in the same transaction as the events.
 */
public class EventChainInterceptor implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final String HEADS = EventChainInterceptor.class.getName() + ".heads";
    private static final String KEEPING = EventChainInterceptor.class.getName() + ".keeping";
    /** Aggregates whose committed head is kept; past it the kept heads are dropped and kept anew. */
    static final int MAX_KEPT_HEADS = 10_000;

    private final EventStorageEngine storage;
    /** The chain head after each aggregate's last event committed through this interceptor. */
    private final Map<String, Head> committed = new ConcurrentHashMap<>();

    public EventChainInterceptor(EventStorageEngine storage) {
        this.storage = storage;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        Map<String, Head> heads = TransactionScoped.entries(HEADS);
        if (heads != null) {
            keepAfterCommit(heads);
        } else {
            heads = CurrentUnitOfWork.isStarted()
                    ? CurrentUnitOfWork.get().root().getOrComputeResource(HEADS, key -> new HashMap<>())
                    : new HashMap<>();
        }
        List<EventMessage<?>> chained = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            chained.add(message instanceof DomainEventMessage<?> domain ? chain(domain, heads) : message);
        }
        return (index, message) -> chained.get(index);
    }

    private EventMessage<?> chain(DomainEventMessage<?> event, Map<String, Head> heads) {
        if (event.getMetaData().containsKey(EventHash.HASH)) {
            return event;
        }
        String aggregate = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        Head head = heads.get(aggregate);
        if (head == null || head.sequence() != sequence - 1) {
            head = committed.get(aggregate);
        }
        String prev = head != null && head.sequence() == sequence - 1 ? head.hash() : storedHead(aggregate, sequence);
        EventType type = EventCatalog.byClass(event.getPayloadType()).orElse(null);
        if (type == null) {
            heads.put(aggregate, new Head(sequence, prev));
            return event.andMetaData(Map.of(EventHash.PREV_HASH, prev));
        }
        String hash = EventHash.of(prev, event.getIdentifier(), type.cloudEventType(), aggregate, sequence,
                event.getTimestamp(), PayloadJson.text(event.getPayload()));
        heads.put(aggregate, new Head(sequence, hash));
        return event.andMetaData(Map.of(EventHash.PREV_HASH, prev, EventHash.HASH, hash));
    }

    /**
     * Keeps the transaction's heads for the transactions after it once it committed, and only then: a head
     * is kept for the event right after it, and the event it follows is stored for good by then. Taken
     * before the commit (the transaction's entries are dropped before it completes).
     */
    private void keepAfterCommit(Map<String, Head> heads) {
        Map<String, Boolean> keeping = TransactionScoped.entries(KEEPING);
        if (keeping == null || keeping.putIfAbsent(KEEPING, Boolean.TRUE) != null) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private Map<String, Head> taken;

            @Override
            public void beforeCommit(boolean readOnly) {
                taken = new HashMap<>(heads);
            }

            @Override
            public void afterCommit() {
                // (beforeCommit ran: a transaction commits only after it.)
                if (committed.size() + taken.size() > MAX_KEPT_HEADS) {
                    committed.clear();
                }
                committed.putAll(taken);
            }
        });
    }

    /** The chain head after the stored event at {@code sequence - 1}: its hash, or the head it carried. */
    private String storedHead(String aggregate, long sequence) {
        if (sequence <= 0) {
            return EventHash.GENESIS;
        }
        DomainEventStream stream = storage.readEvents(aggregate, sequence - 1);
        while (stream.hasNext()) {
            DomainEventMessage<?> previous = stream.next();
            if (previous.getSequenceNumber() == sequence - 1) {
                MetaData meta = previous.getMetaData();
                Object hash = meta.containsKey(EventHash.HASH) ? meta.get(EventHash.HASH) : meta.get(EventHash.PREV_HASH);
                return hash == null ? EventHash.GENESIS : hash.toString();
            }
            if (previous.getSequenceNumber() >= sequence) {
                break;
            }
        }
        return EventHash.GENESIS;
    }

    private record Head(long sequence, String hash) {
    }
}
