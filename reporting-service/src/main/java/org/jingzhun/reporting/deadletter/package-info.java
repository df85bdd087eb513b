/**
 * The live projector's dead letters for people: {@code GET /api/admin/dead-letters} lists what it parked
 * (topic, partition, offset, reason, the record), {@code POST /api/admin/dead-letters/{id}/redrive} applies
 * one again after a fix, through the projector's own path, exactly once.
 */
package org.jingzhun.reporting.deadletter;
