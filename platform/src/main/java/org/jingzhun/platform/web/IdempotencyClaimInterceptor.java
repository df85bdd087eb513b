package org.jingzhun.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the {@code Idempotency-Key} of the request being served in the transactions of its commands
 * (the command bus starts a command's transaction before its handler interceptors run):
 * <ul>
 * <li>the first command claims the key, so that the key and the command's events commit together or not
 *     at all; a key claimed by a concurrent request refuses the command, which then records nothing, and
 *     {@link IdempotencyFilter} answers as the first request did. The claim is written once the handler
 *     returned, with its result and before the events are appended (one statement instead of a claim before
 *     and the result after: docs/benchmarks.md, "A command's writes in fewer statements"); a command refused
 *     because a concurrent attempt committed first is answered as that attempt was;</li>
 * <li>each command keeps, in its own transaction, what it returned ({@code command_results}), so a retry
 *     after a crash between a commit and the keeping of the answer can be answered: the retry runs the
 *     request again, each command that committed before returns its kept result without being handled
 *     again, and the ids the request creates are the same (see {@link ClientIds#newId()}).</li>
 * </ul>
 * Commands nested in another command's unit of work belong to that command and are not counted.
 */
public class IdempotencyClaimInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public IdempotencyClaimInterceptor(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        IdempotencyFilter.Pending pending = IdempotencyFilter.current();
        if (pending == null) {
            return chain.proceed();
        }
        if (pending.deduplicatedByCaller) {
            // Nested too: the inbox runs a group's commands in one shared unit of work (Inbox.SharedUnits).
            return claimOnly(pending, chain);
        }
        if (!unitOfWork.isRoot()) {
            return chain.proceed();
        }
        int index = pending.commands++;
        unitOfWork.onRollback(u -> pending.commands = index);
        if (index < pending.committed.size()) {
            // A retry: this command committed with an earlier attempt of the same request.
            return pending.committed.get(index);
        }
        Object result;
        try {
            result = chain.proceed();
        } catch (Exception refused) {
            // Refused on what a concurrent attempt with this key committed meanwhile: answered as that one was.
            if (takenByAnother(pending, index)) {
                pending.duplicate = true;
                throw new KeyInUse();
            }
            throw refused;
        }
        // The claim and the result in one statement, before the command's events are appended (at its
        // prepare-commit): blocks while a concurrent attempt's command holds the row, only as long as its
        // transaction, and then finds the key taken.
        boolean mine = index == 0 && pending.committed.isEmpty() ? claim(pending, CommandResults.first(json, result))
                : jdbc.sql("""
                        UPDATE idempotency_record SET command_results = command_results || jsonb_build_array(?::jsonb)
                        WHERE principal = ? AND idempotency_key = ? AND jsonb_array_length(command_results) = ?""")
                .params(CommandResults.encode(json, result), pending.principal, pending.key, index).update() == 1;
        if (!mine) {
            pending.duplicate = true;
            throw new KeyInUse();
        }
        unitOfWork.afterCommit(u -> pending.claimed = true);
        return result;
    }

    /**
     * Whether another attempt with this key has committed this command already (the key claimed, and
     * {@code index} results kept, or more); asked only of a refused command, in its own transaction.
     */
    private boolean takenByAnother(IdempotencyFilter.Pending pending, int index) {
        try {
            return jdbc.sql("""
                            SELECT count(*) FROM idempotency_record
                            WHERE principal = ? AND idempotency_key = ? AND jsonb_array_length(command_results) > ?""")
                    .params(pending.principal, pending.key, index).query(Long.class).single() > 0;
        } catch (RuntimeException unanswerable) {
            // The transaction cannot be asked any more (the refusal was the database's): the refusal stands.
            return false;
        }
    }

    /**
     * Requests whose commands are deduplicated by their caller (the inbox): the key is claimed, no more. The claim
     * belongs to the caller's transaction, which outlives the command's unit of work (an inbox group): it counts
     * as made when that transaction commits, and is made again by the next attempt after a rollback (GroupCommit
     * records a group again without an event refused late in it).
     */
    private Object claimOnly(IdempotencyFilter.Pending pending, InterceptorChain chain) throws Exception {
        if (pending.claimed || pending.claiming) {
            return chain.proceed();
        }
        if (!claim(pending, "[]")) {
            pending.duplicate = true;
            throw new KeyInUse();
        }
        pending.claiming = true;
        // The command's transaction is begun before handler interceptors run (the class comment).
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                pending.claiming = false;
                if (status == STATUS_COMMITTED) {
                    pending.claimed = true;
                }
            }
        });
        return chain.proceed();
    }

    /** Claims the key with the results kept so far (a JSON array); false when another attempt holds it. */
    private boolean claim(IdempotencyFilter.Pending pending, String commandResults) {
        return jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idempotency_key, request_hash, method, path,
                                                        command_results)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB)) ON CONFLICT DO NOTHING""")
                .params(pending.principal, pending.key, pending.hash, pending.method, pending.path, commandResults)
                .update() == 1;
    }

    /** The key was claimed by a concurrent request; answered 409 unless its answer comes in time. */
    static final class KeyInUse extends RuleViolation {
        KeyInUse() {
            super(Kind.CONFLICT, "idempotency-key-in-use", IdempotencyFilter.HEADER,
                    "A request with this Idempotency-Key is being processed");
        }
    }
}
