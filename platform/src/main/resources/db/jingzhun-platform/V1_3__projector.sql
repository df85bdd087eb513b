-- The transactional projector: each partition's next offset, stored in the same transaction as the
-- projection update, and the event ids already applied (redeliveries from the relay are ignored).
CREATE TABLE projector_offset (
    projector   VARCHAR(100) NOT NULL,
    topic       VARCHAR(255) NOT NULL,
    partition_no INTEGER     NOT NULL,
    next_offset BIGINT       NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (projector, topic, partition_no)
);

CREATE TABLE projector_applied_event (
    projector VARCHAR(100) NOT NULL,
    event_id  VARCHAR(255) NOT NULL,
    PRIMARY KEY (projector, event_id)
);
