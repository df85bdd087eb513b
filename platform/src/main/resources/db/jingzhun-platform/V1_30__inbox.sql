-- The inbox: every CloudEvent recorded, once per (ce_source, ce_id) for ever. The row is written in the
-- same transaction as the events the CloudEvent's command appends, so a redelivery finds it and records
-- nothing new. recorded_id: what the command answered (the new fact's or the aggregate's id).
CREATE TABLE inbox_received (
    ce_source   VARCHAR(1000) NOT NULL,
    ce_id       VARCHAR(255)  NOT NULL,
    ce_type     VARCHAR(255)  NOT NULL,
    status      VARCHAR(20)   NOT NULL,
    recorded_id VARCHAR(255),
    received_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT inbox_received_once UNIQUE (ce_source, ce_id)
);

-- The Kafka inbox's next offset per partition, stored in the transaction that records the partition's
-- CloudEvents: on assignment, and after a failed transaction, the consumer seeks back to it.
CREATE TABLE inbox_offset (
    topic        VARCHAR(255) NOT NULL,
    partition_no INTEGER      NOT NULL,
    next_offset  BIGINT       NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition_no)
);
