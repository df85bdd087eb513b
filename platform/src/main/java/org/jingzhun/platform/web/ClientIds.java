package org.jingzhun.platform.web;

import java.util.UUID;

/**
 * Ids of created things: a UUID unless the client supplies its own (CONTRACT.md), for instance to keep
 * the id it already uses elsewhere. A supplied id that is taken is a conflict (409), as the event store
 * refuses a second stream under one aggregate id.
 */
public final class ClientIds {

    /** What a client-supplied id may look like: letters, digits and {@code . _ : -}, at most 100 characters. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    /** The message of a refused id. */
    public static final String MESSAGE = "must be 1-100 letters, digits or . _ : - (starting with a letter or digit)";

    private ClientIds() {
    }

    /** The id the client asked for, or a new one ({@link #newId()}) when it asked for none. */
    public static String orNew(String requested) {
        return requested == null || requested.isBlank() ? newId() : requested;
    }

    /**
     * A new id: a random UUID, or, while a request with an {@code Idempotency-Key} is served, one derived
     * from the key, so that a retry of the request creates the same ids as its first attempt.
     */
    public static String newId() {
        IdempotencyFilter.Pending pending = IdempotencyFilter.current();
        return pending == null ? UUID.randomUUID().toString() : pending.nextId();
    }
}
