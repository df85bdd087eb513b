/**
 * Rebuilding every read model from the start of the topics ({@code POST /api/admin/replay}): into fresh
 * tables of a schema of their own while the live ones keep serving, then, with the live projector
 * paused at known offsets, the rebuilt tables catch up to exactly those offsets, their totals are
 * compared with the live ones, and the tables are swapped in one transaction.
 */
package org.jingzhun.reporting.replay;
