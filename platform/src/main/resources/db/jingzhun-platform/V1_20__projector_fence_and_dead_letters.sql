-- The transactional projector, continued (V1_3).

-- Generation fence: bumped by whatever replaces the tables a projector writes (the reporting service's
-- replay swaps in rebuilt tables). Every projector transaction first reads its row FOR SHARE and compares
-- it with the generation it read when it sought to its stored offsets; a bump (an UPDATE, which waits for
-- those share locks and makes later ones wait for it) fails the transaction of any instance still
-- projecting into the old tables, which then rewinds to the offsets of the new ones. Never swapped itself.
CREATE TABLE projector_generation (
    projector  VARCHAR(100) NOT NULL PRIMARY KEY,
    generation BIGINT       NOT NULL DEFAULT 0,
    changed_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Where each applied event id was read and when: what lets ids the stored offsets make redundant be pruned
-- (TransactionalProjector.pruneAppliedEvents says the rule). Rows from before this migration keep NULLs and
-- are never pruned.
ALTER TABLE projector_applied_event
    ADD COLUMN topic        VARCHAR(255),
    ADD COLUMN partition_no INTEGER,
    ADD COLUMN offset_no    BIGINT,
    ADD COLUMN applied_at   TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX projector_applied_event_by_position ON projector_applied_event (projector, topic, partition_no, offset_no);

-- Every record a projector dead-lettered (also sent to <topic>.dlt), kept so that it can be listed and,
-- after a fix, re-driven through the same projector path. read_models: the read models that failed when
-- the others kept the event; NULL when none of it was applied (a poison record, or every read model failed).
-- headers: [{"key", "value" (base64)}], as the record carried them. status: PARKED, then REDRIVEN.
CREATE TABLE projector_dead_letter (
    id               BIGSERIAL    NOT NULL PRIMARY KEY,
    projector        VARCHAR(100) NOT NULL,
    topic            VARCHAR(255) NOT NULL,
    partition_no     INTEGER      NOT NULL,
    offset_no        BIGINT       NOT NULL,
    record_key       TEXT,
    headers          JSONB        NOT NULL,
    value            BYTEA,
    event_id         VARCHAR(255),
    read_models      TEXT[],
    reason           TEXT         NOT NULL,
    status           VARCHAR(20)  NOT NULL DEFAULT 'PARKED',
    attempts         INTEGER      NOT NULL DEFAULT 0,
    dead_lettered_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    redriven_at      TIMESTAMPTZ,
    -- A record read twice (a rewind, another instance after a swap) is parked once.
    UNIQUE (projector, topic, partition_no, offset_no)
);
CREATE INDEX projector_dead_letter_by_status ON projector_dead_letter (projector, status, topic, id);
