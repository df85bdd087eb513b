/**
 * A problem (问题) and its rectification lifecycle: LOGGED → RECTIFYING (measures set) → RECTIFIED →
 * VERIFIED (销号, by a county administrator) or REOPENED and around again; rectifying straight from
 * LOGGED is allowed. Every other step is refused with 409 naming the current status. The deadline is
 * a durable Axon deadline (see {@code org.jingzhun.rectification.deadline}); extending it keeps the
 * history. Queries answer overdue and due-soon problems against the clock.
 */
package org.jingzhun.rectification.problem;
