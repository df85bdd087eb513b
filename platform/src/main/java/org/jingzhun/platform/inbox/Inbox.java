package org.jingzhun.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.jackson.JsonCloudEventData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jingzhun.platform.registry.RegistryAnswers;
import org.jingzhun.platform.security.Scope;
import org.jingzhun.platform.web.IdempotencyFilter;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the fact an inbox CloudEvent reports, once per ({@code ce_source}, {@code ce_id}) for ever.
 * The dedup row is claimed, the route's command appends its events and the route's answer is kept, all
 * in one PostgreSQL transaction (Axon's Spring transaction manager joins it): a crash in between leaves
 * neither a claimed event without its fact nor a fact without its claim. A concurrent delivery of the
 * same event waits on the row lock and then answers {@link InboxStatus#DUPLICATE}.
 */
public class Inbox {

    /** Longest accepted {@code id} and {@code source}: they form the dedup key. */
    static final int MAX_ID_LENGTH = 255;
    static final int MAX_SOURCE_LENGTH = 1000;

    private final InboxRoutes routes;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Validator validator;
    private final MeterRegistry meters;
    @Nullable
    private final Scope scope;

    /**
     * @param scope the callers' subtrees: a publisher bound to an organization may only report facts of
     *              that organization's subtree; null where no security is configured (every caller county-wide)
     */
    public Inbox(InboxRoutes routes, JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json,
                 Validator validator, MeterRegistry meters, @Nullable Scope scope) {
        this.routes = routes;
        this.scope = scope;
        this.jdbc = jdbc;
        // Always a transaction of its own, even inside a caller's (an Idempotency-Key request): Axon rolls
        // back the whole physical connection when a command fails (UnitOfWorkAwareConnectionProviderWrapper),
        // so neither joining nor a savepoint would keep a caller's earlier work.
        this.transactions = new TransactionTemplate(transactions.getTransactionManager());
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.validator = validator;
        this.meters = meters;
    }

    /** The service's inbox topic and accepted types. */
    public InboxRoutes routes() {
        return routes;
    }

    /**
     * Records the event, or answers that it was recorded before.
     *
     * @throws InboxRejection the event is invalid, of a type not accepted here, or refused by the rules;
     *                        nothing was recorded
     * @throws RuntimeException a failure of ours (database away): nothing was recorded, try again
     */
    public InboxReceipt receive(CloudEvent event) {
        return receive(event, () -> {
        });
    }

    /**
     * Records the event, or answers that it was recorded before, and runs {@code alsoInTransaction} in
     * the same transaction.
     */
    public InboxReceipt receive(CloudEvent event, Runnable alsoInTransaction) {
        // Once per source and id already: a keyed HTTP request's key needs no command results.
        IdempotencyFilter.commandsDeduplicatedByCaller();
        try {
            Accepted accepted = accept(event);
            InboxReceipt receipt = transactions.execute(tx -> {
                InboxReceipt answer = record(accepted);
                alsoInTransaction.run();
                return answer;
            });
            count(receipt.status().name(), "");
            return receipt;
        } catch (RuntimeException e) {
            throw rejectionOrFailure(e);
        }
    }

    /**
     * Records a batch's events in order, all in one transaction when none is refused by the rules (one WAL
     * flush, the dedup rows claimed with one statement and kept with one more, the aggregates, hash-chain heads
     * and registry answers kept for the transaction, one relay wake-up), as the Kafka inbox records a poll; an
     * event refused inside the transaction is answered alone once the events before it are recorded
     * ({@link GroupCommit}). A registry change arriving while the batch is recorded applies from the next
     * batch; an unknown organization or campaign is looked up again each time.
     *
     * @param events each an {@link Accepted} event, or the {@link InboxRejection} that refused it before
     * @return one answer per event, in order: an {@link InboxReceipt} or an {@link InboxRejection}
     * @throws RuntimeException a failure of ours (database away): the events answered before it are recorded,
     *                          nothing of the transaction it broke; send the batch again
     */
    List<Object> receiveAll(List<Object> events) {
        // Once per source and id already: a keyed HTTP request's key needs no command results.
        IdempotencyFilter.commandsDeduplicatedByCaller();
        Object[] answers = events.toArray();
        Map<Integer, InboxRejection> refused = new HashMap<>();
        GroupCommit.run(events.size(), (from, limit, share) -> recordAll(events, answers, from, limit, share, refused),
                index -> answers[index] = refused.remove(index));
        return Arrays.asList(answers);
    }

    /** Records the accepted events of {@code [from, limit)} in one transaction (see {@link GroupCommit.Attempt}). */
    private int recordAll(List<Object> events, Object[] answers, int from, int limit, boolean share,
                          Map<Integer, InboxRejection> refused) {
        if (events.subList(from, limit).stream().noneMatch(Accepted.class::isInstance)) {
            return -1;
        }
        InboxReceipt[] receipts;
        try {
            receipts = transactions.execute(tx -> recordInTransaction(events, from, limit, share, (accepted, claims) -> {
                try {
                    return claims.record(accepted);
                } catch (RuntimeException e) {
                    throw rejectionOrFailure(e);
                }
            }, refused::put));
        } catch (GroupCommit.Refused refusal) {
            return refusal.index;
        }
        for (int i = from; i < limit; i++) {
            if (receipts[i - from] != null) {
                answers[i] = receipts[i - from];
            }
        }
        countRecorded(receipts);
        return -1;
    }

    /** Counts the answers of a committed group ({@link #recordInTransaction}'s receipts; nulls left out). */
    void countRecorded(InboxReceipt[] receipts) {
        for (InboxReceipt receipt : receipts) {
            if (receipt != null) {
                count(receipt.status().name(), "");
            }
        }
    }

    /** Records one accepted event of a group through the group's claims. */
    @FunctionalInterface
    interface Recorder {
        /**
         * @throws InboxRejection the rules refuse the event: the group's transaction must be rolled back
         * @throws RuntimeException a failure of ours
         */
        InboxReceipt record(Accepted event, Claims claims);
    }

    /**
     * Records the {@link Accepted} events among {@code items[from, limit)}, in order, in the caller's transaction
     * (which must exist), as {@link GroupCommit} wants a group recorded: the registry's answers kept for the
     * transaction, the dedup rows claimed with one statement, each event recorded by {@code recorder}, the recorded
     * ids kept with one more statement. Other items (rejections found before the transaction) are left to the
     * caller. Both inboxes record their groups here: the HTTP batch and the Kafka poll.
     *
     * @param shareUnitOfWork whether the commands of routes that allow it share units of work ({@link SharedUnits})
     * @param refused told the index and rejection of an event the rules refuse, before the transaction is rolled back
     * @return the receipts by index less {@code from}; null where the item is not an {@link Accepted} event
     * @throws GroupCommit.Refused an event was refused: roll the transaction back
     * @throws GroupCommit.Unattributed a shared unit of work failed: roll back, try again without sharing
     */
    InboxReceipt[] recordInTransaction(List<?> items, int from, int limit, boolean shareUnitOfWork,
                                       Recorder recorder, BiConsumer<Integer, InboxRejection> refused) {
        RegistryAnswers.keepForTransaction();
        List<Accepted> group = new ArrayList<>(limit - from);
        for (int i = from; i < limit; i++) {
            if (items.get(i) instanceof Accepted accepted) {
                group.add(accepted);
            }
        }
        InboxReceipt[] receipts = new InboxReceipt[limit - from];
        if (group.isEmpty()) {
            return receipts;
        }
        Claims claims = claim(group);
        SharedUnits shared = new SharedUnits(shareUnitOfWork);
        try {
            for (int i = from; i < limit; i++) {
                if (items.get(i) instanceof Accepted accepted) {
                    shared.before(accepted.route());
                    try {
                        receipts[i - from] = recorder.record(accepted, claims);
                    } catch (InboxRejection rejection) {
                        shared.rollBack(rejection);
                        refused.accept(i, rejection);
                        throw new GroupCommit.Refused(i);
                    } catch (RuntimeException e) {
                        throw shared.failed(e);
                    }
                }
            }
            shared.commit();
        } finally {
            shared.rollBack(null);
        }
        claims.keepRecordedIds();
        return receipts;
    }

    /**
     * The Axon unit of work that the commands of consecutive sharing routes ({@link InboxRoute#sharesUnitOfWork()})
     * run nested in: their events are appended, and projected by the subscribing processors, when it commits —
     * before the next command of a route that does not share, and at the group's end. A failure while one is open
     * cannot be pinned on one event: it becomes {@link GroupCommit.Unattributed}, and the group is tried again
     * with one unit of work per command. A rule's refusal of one command inside it is that command's own.
     */
    private final class SharedUnits {

        private final boolean allowed;
        @Nullable
        private UnitOfWork<?> open;
        /** Commands run in the open unit. */
        private int commands;

        SharedUnits(boolean allowed) {
            this.allowed = allowed;
        }

        /** Opens a shared unit for a sharing route's command, or commits the open one before another's. */
        void before(InboxRoute route) {
            if (allowed && route.sharesUnitOfWork()) {
                if (open == null) {
                    open = DefaultUnitOfWork.startAndGet(null);
                    commands = 0;
                }
                commands++;
            } else {
                commit();
            }
        }

        /** Commits the open unit, if any: its commands' events are appended and projected now. */
        void commit() {
            if (open == null) {
                return;
            }
            UnitOfWork<?> unit = open;
            open = null;
            try {
                unit.commit();
            } catch (RuntimeException e) {
                throw unattributed(e);
            }
            countShared("committed", commands);
        }

        /** The failure to throw for a command's failure of ours: unattributed if it ran in a shared unit. */
        RuntimeException failed(RuntimeException e) {
            boolean inShared = open != null;
            rollBack(e);
            return inShared ? unattributed(e) : e;
        }

        private GroupCommit.Unattributed unattributed(RuntimeException e) {
            countShared("failed", commands);
            return new GroupCommit.Unattributed(e);
        }

        /** Rolls the open unit back, if any (the group's transaction is rolled back after it). */
        void rollBack(@Nullable Throwable cause) {
            if (open == null) {
                return;
            }
            UnitOfWork<?> unit = open;
            open = null;
            if (unit.isActive()) {
                unit.rollback(cause);
            }
        }
    }

    /** An event past the checks that need no database: its route and data, ready to be recorded. */
    record Accepted(CloudEvent event, String source, InboxRoute route, ObjectNode data) {
    }

    /** The event past the checks that need no database, or the rejection refusing it (counted). */
    Object acceptOrRejection(CloudEvent event) {
        try {
            return accept(event);
        } catch (InboxRejection rejection) {
            count(InboxStatus.REJECTED.name(), rejection.code());
            return rejection;
        }
    }

    /**
     * The checks that need no transaction: attributes, type, data, the caller's subtree.
     *
     * @throws InboxRejection the event is refused
     */
    Accepted accept(CloudEvent event) {
        String source = event.getSource().toString();
        if (event.getId().length() > MAX_ID_LENGTH) {
            throw InboxProblems.reject(HttpStatus.BAD_REQUEST, "inbox.invalid-attribute", "id",
                    "at most " + MAX_ID_LENGTH + " characters");
        }
        if (source.isEmpty() || source.length() > MAX_SOURCE_LENGTH) {
            throw InboxProblems.reject(HttpStatus.BAD_REQUEST, "inbox.invalid-attribute", "source",
                    "1 to " + MAX_SOURCE_LENGTH + " characters");
        }
        InboxRoute route = routes.route(event.getType()).orElseThrow(() -> InboxProblems.reject(
                HttpStatus.UNPROCESSABLE_ENTITY, "inbox.unknown-type", "type",
                "Not accepted here: " + event.getType() + "; accepted are " + new java.util.TreeSet<>(routes.types())));
        ObjectNode data = data(event);
        checkScope(data);
        return new Accepted(event, source, route, data);
    }

    /**
     * Claims the dedup row and records the fact, in the caller's transaction (which must exist): the
     * Kafka inbox records a whole poll in one. A failure leaves the transaction to be rolled back.
     *
     * @throws RuntimeException the route's failure, untranslated (see {@link #rejectionOrFailure})
     */
    InboxReceipt record(Accepted accepted) {
        CloudEvent event = accepted.event();
        String source = accepted.source();
        int claimed = jdbc.sql("""
                        INSERT INTO inbox_received (ce_source, ce_id, ce_type, status, received_at)
                        VALUES (?, ?, ?, 'RECORDED', now()) ON CONFLICT DO NOTHING""")
                .params(source, event.getId(), event.getType()).update();
        if (claimed == 0) {
            return new InboxReceipt(event.getId(), InboxStatus.DUPLICATE, recordedId(source, event.getId()));
        }
        String recordedId = recordFact(accepted);
        jdbc.sql("UPDATE inbox_received SET recorded_id = ? WHERE ce_source = ? AND ce_id = ?")
                .params(recordedId, source, event.getId()).update();
        return new InboxReceipt(event.getId(), InboxStatus.RECORDED, recordedId);
    }

    /**
     * The dedup rows of many events, claimed with one statement in the caller's transaction (the Kafka
     * inbox's poll), and their recorded ids kept with one more at the end: two round trips per poll
     * instead of two per CloudEvent. What the rows say is what {@link #record(Accepted)} would have made them
     * say one by one; a rollback takes every claim back.
     */
    final class Claims {

        /** Claimed by this transaction and not recorded yet: the first delivery of each event in the batch. */
        private final Set<List<String>> claimed;
        /** Recorded in this transaction: (source, id) → the id the command answered with. */
        private final Map<List<String>, String> recorded = new LinkedHashMap<>();

        private Claims(Set<List<String>> claimed) {
            this.claimed = claimed;
        }

        /** Records the event if this batch claimed it, or answers the id its first delivery was recorded as. */
        InboxReceipt record(Accepted accepted) {
            List<String> key = List.of(accepted.source(), accepted.event().getId());
            if (!claimed.remove(key)) {
                String recordedId = recorded.containsKey(key) ? recorded.get(key) : recordedId(key.get(0), key.get(1));
                return new InboxReceipt(key.get(1), InboxStatus.DUPLICATE, recordedId);
            }
            String recordedId = recordFact(accepted);
            recorded.put(key, recordedId);
            return new InboxReceipt(key.get(1), InboxStatus.RECORDED, recordedId);
        }

        /** Keeps the recorded ids in the dedup rows: call last, in the same transaction. */
        void keepRecordedIds() {
            if (recorded.isEmpty()) {
                return;
            }
            List<String> sources = new ArrayList<>(recorded.size());
            List<String> ids = new ArrayList<>(recorded.size());
            List<String> recordedIds = new ArrayList<>(recorded.size());
            recorded.forEach((key, recordedId) -> {
                sources.add(key.get(0));
                ids.add(key.get(1));
                recordedIds.add(recordedId);
            });
            jdbc.sql("""
                            UPDATE inbox_received r SET recorded_id = v.recorded_id
                            FROM unnest(?::text[], ?::text[], ?::text[]) AS v (ce_source, ce_id, recorded_id)
                            WHERE r.ce_source = v.ce_source AND r.ce_id = v.ce_id""")
                    .params(sources.toArray(String[]::new), ids.toArray(String[]::new),
                            recordedIds.toArray(String[]::new))
                    .update();
            recorded.clear();
        }
    }

    /**
     * Claims the dedup rows of {@code events} with one statement, in the caller's transaction (which must
     * exist). An event recorded before, or a second delivery of one within {@code events}, is not claimed.
     */
    Claims claim(List<Accepted> events) {
        if (events.isEmpty()) {
            return new Claims(new HashSet<>());
        }
        String[] sources = new String[events.size()];
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Accepted accepted = events.get(i);
            sources[i] = accepted.source();
            ids[i] = accepted.event().getId();
            types[i] = accepted.event().getType();
        }
        // ON CONFLICT DO NOTHING skips a pair met twice in the same statement as well as one stored before.
        // In key order, so that two transactions claiming overlapping batches wait for each other, never deadlock.
        Set<List<String>> claimed = new HashSet<>(jdbc.sql("""
                        INSERT INTO inbox_received (ce_source, ce_id, ce_type, status, received_at)
                        SELECT ce_source, ce_id, ce_type, 'RECORDED', now()
                        FROM unnest(?::text[], ?::text[], ?::text[]) AS v (ce_source, ce_id, ce_type)
                        ORDER BY ce_source, ce_id
                        ON CONFLICT DO NOTHING
                        RETURNING ce_source, ce_id""")
                .params(sources, ids, types)
                .query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
                .list());
        return new Claims(claimed);
    }

    private String recordedId(String source, String id) {
        return jdbc.sql("SELECT recorded_id FROM inbox_received WHERE ce_source = ? AND ce_id = ?")
                .params(source, id).query(String.class).optional().orElse(null);
    }

    private String recordFact(Accepted accepted) {
        return Causation.run(accepted.source(), accepted.event().getId(),
                () -> accepted.route().record(new InboxData(accepted.data(), json, validator)));
    }

    /** The rejection a failure stands for (counted), or the failure itself when it is ours (retry). */
    RuntimeException rejectionOrFailure(RuntimeException e) {
        Optional<InboxRejection> rejection = InboxProblems.of(e);
        if (rejection.isEmpty()) {
            return e;
        }
        count(InboxStatus.REJECTED.name(), rejection.get().code());
        return rejection.get();
    }

    /**
     * A publisher bound to an organization (a {@code PUBLISHER} account with {@code orgId}) speaks for its
     * subtree only: a fact of any other organization is refused (403 {@code forbidden}) before anything,
     * the dedup row included, is written. Every accepted type names its organization as {@code orgId}.
     */
    private void checkScope(ObjectNode data) {
        if (scope == null || scope.root().isEmpty()) {
            return;
        }
        JsonNode orgId = data.get("orgId");
        String organization = orgId != null && orgId.isTextual() ? orgId.asText() : null;
        if (!scope.allows(organization)) {
            throw InboxProblems.reject(HttpStatus.FORBIDDEN, "forbidden", "orgId", organization == null
                    ? "This account may only report facts of its organization's subtree: name the organization as orgId"
                    : "Organization " + organization + " is outside your organization's subtree");
        }
    }

    private ObjectNode data(CloudEvent event) {
        String contentType = event.getDataContentType();
        if (contentType != null && !isJson(contentType)) {
            throw InboxProblems.reject(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "inbox.unsupported-data",
                    "datacontenttype", "The data must be JSON (application/json), not " + contentType);
        }
        CloudEventData data = event.getData();
        JsonNode node;
        if (data == null) {
            node = null;
        } else if (data instanceof JsonCloudEventData jsonData) {
            node = jsonData.getNode();
        } else {
            try {
                node = json.readTree(data.toBytes());
            } catch (IOException e) {
                throw InboxProblems.reject(HttpStatus.BAD_REQUEST, "inbox.unreadable-data", "data",
                        "The data is not valid JSON");
            }
        }
        if (node == null || !node.isObject()) {
            throw InboxProblems.reject(HttpStatus.BAD_REQUEST, "inbox.unreadable-data", "data",
                    "The data must be a JSON object: the body of the matching command");
        }
        return (ObjectNode) node;
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
    }

    /** Shared units of work ({@link SharedUnits}) by outcome, and the commands that ran in them. */
    private void countShared(String outcome, int commands) {
        Counter.builder("jingzhun.inbox.shared.units")
                .description("Units of work shared by several inbox commands, by outcome (failed: the group was "
                        + "recorded again with one unit per command)")
                .tag("inbox", routes.topic()).tag("outcome", outcome).register(meters).increment();
        Counter.builder("jingzhun.inbox.shared.commands").description("Inbox commands run in shared units of work")
                .tag("inbox", routes.topic()).tag("outcome", outcome).register(meters).increment(commands);
    }

    void count(String status, String reason) {
        Counter.builder("jingzhun.inbox.events").description("Inbox CloudEvents by outcome and rejection reason")
                .tag("inbox", routes.topic()).tag("status", status).tag("reason", reason)
                .register(meters).increment();
    }
}
