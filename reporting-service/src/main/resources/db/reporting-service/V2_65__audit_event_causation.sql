-- Which inbox CloudEvent caused an event (issue 13): its ce_source and ce_id, as the event's record
-- carried them in jingzhun_causation_source / jingzhun_causation_id. NULL for events no inbox event caused.
-- Shown by GET /api/audit/events (NDJSON causationSource / causationId, and the workbook's columns).
ALTER TABLE audit_event ADD COLUMN causation_source TEXT;
ALTER TABLE audit_event ADD COLUMN causation_id TEXT;
