-- The relay's safety net (see org.jingzhun.platform.relay): what the relay handled, the watermark
-- below which every committed event is known to have been handled, and the events that can never
-- be sent (parked until an operator deals with them).

-- One row per event the relay handled, written in the relay's own transaction with its token;
-- rows at or below the watermark are pruned by the safety net.
CREATE TABLE relay_log (
    global_index BIGINT NOT NULL PRIMARY KEY
);

-- Every committed event at or below the watermark has been handled (sent, parked or not public).
-- Starts at the current head: events stored before this migration were relayed (or not) as before.
CREATE TABLE relay_watermark (
    processor_name VARCHAR(255) NOT NULL PRIMARY KEY,
    watermark      BIGINT       NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
INSERT INTO relay_watermark (processor_name, watermark)
SELECT 'kafka-relay', COALESCE(max(global_index), 0) FROM domain_event_entry;

-- Events that can never be sent as they are (too large for the producer, not serializable).
CREATE TABLE relay_parked (
    global_index BIGINT        NOT NULL PRIMARY KEY,
    event_id     VARCHAR(255)  NOT NULL,
    event_type   VARCHAR(255)  NOT NULL,
    size_bytes   BIGINT,
    reason       VARCHAR(2000) NOT NULL,
    parked_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    resolved_at  TIMESTAMPTZ,
    resolution   VARCHAR(20),
    resolved_by  VARCHAR(255),
    note         VARCHAR(2000)
);

-- A transaction takes its transaction id before it draws a global index, so that every index at or
-- below a committed one belongs to a transaction whose id is below any later snapshot's xmax: the
-- safety net can then tell, from pg_current_snapshot() alone, when no index up to M can still commit.
-- (Without this, the id could be assigned just after nextval(), inside the same INSERT.)
CREATE FUNCTION domain_event_entry_next_global_index() RETURNS BIGINT
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_current_xact_id();
    RETURN nextval('domain_event_entry_global_index_seq');
END
$$;
ALTER TABLE domain_event_entry ALTER COLUMN global_index SET DEFAULT domain_event_entry_next_global_index();
