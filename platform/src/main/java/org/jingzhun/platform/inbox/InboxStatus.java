package org.jingzhun.platform.inbox;

/** What the inbox did with one CloudEvent. */
public enum InboxStatus {
    /** Recorded now. */
    RECORDED,
    /** Recorded before, under the same {@code ce_source} and {@code ce_id}: nothing recorded this time. */
    DUPLICATE,
    /** Refused: invalid, unknown type or against the rules; nothing recorded. */
    REJECTED
}
