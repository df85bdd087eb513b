/**
 * The inbox: other services report facts as CloudEvents, over Kafka ({@code jingzhun.<service>.inbox})
 * or HTTP ({@code POST /api/inbox}). Each accepted {@code ce_type} has an {@link org.jingzhun.platform.inbox.InboxRoute}
 * supplied by the owning service, which sends the same command as the matching HTTP controller. Each
 * (ce_source, ce_id) is recorded once, for ever: the dedup record and the event store append commit in
 * one PostgreSQL transaction. This package knows no domain.
 */
package org.jingzhun.platform.inbox;
