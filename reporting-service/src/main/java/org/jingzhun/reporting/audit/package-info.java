/**
 * The audit trail: every event applied by the live projector, stored as it travelled with its
 * CloudEvents id, type, actor, recorded time and position ({@code audit_event}), and
 * {@code GET /api/audit/events}, which streams it as NDJSON in recorded order (or, asked for, as an XLSX
 * workbook for auditors). The totals as of a past instant replay this table too; they read it by SQL
 * only, so the two features stay apart.
 */
package org.jingzhun.reporting.audit;
