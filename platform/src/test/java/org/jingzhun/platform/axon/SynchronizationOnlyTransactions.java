package org.jingzhun.platform.axon;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Spring's transaction synchronization with no resource behind it: enough to scope the cache. */
final class SynchronizationOnlyTransactions extends AbstractPlatformTransactionManager {

    @Override
    protected Object doGetTransaction() {
        return new Object();
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        return TransactionSynchronizationManager.isActualTransactionActive();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        // nothing to begin
    }

    @Override
    protected Object doSuspend(Object transaction) {
        return transaction;
    }

    @Override
    protected void doResume(Object transaction, Object suspendedResources) {
        // nothing to resume
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        // nothing to commit
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        // nothing to roll back
    }
}
