package org.jingzhun.platform.web;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Claims the {@code Idempotency-Key} of the request being served in the transaction of its first
 * command (the command bus starts that transaction before its handler interceptors run), so that the
 * key and the command's events commit together or not at all. A key claimed by a concurrent request
 * refuses the command, which then records nothing; {@link IdempotencyFilter} answers as the first did.
 */
public class IdempotencyClaimInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final JdbcClient jdbc;

    public IdempotencyClaimInterceptor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        IdempotencyFilter.Pending pending = IdempotencyFilter.current();
        if (pending == null || pending.claimed || pending.claiming) {
            // No key, or claimed already by an earlier command of this request or by the unit of work
            // this command is nested in.
            return chain.proceed();
        }
        // Blocks while a concurrent request's command holds the row, only as long as its transaction.
        int claimed = jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idempotency_key, request_hash, method, path)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(pending.principal, pending.key, pending.hash, pending.method, pending.path)
                .update();
        if (claimed == 0) {
            pending.duplicate = true;
            throw new KeyInUse();
        }
        pending.claiming = true;
        unitOfWork.onRollback(u -> pending.claiming = false);
        unitOfWork.afterCommit(u -> pending.claimed = true);
        return chain.proceed();
    }

    /** The key was claimed by a concurrent request; answered 409 unless its answer comes in time. */
    static final class KeyInUse extends RuleViolation {
        KeyInUse() {
            super(Kind.CONFLICT, "idempotency-key-in-use", IdempotencyFilter.HEADER,
                    "A request with this Idempotency-Key is being processed");
        }
    }
}
