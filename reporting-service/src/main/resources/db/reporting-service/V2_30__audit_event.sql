-- The audit trail: every event the projector "reporting-live" applied, as it travelled, in one row.
-- Fed in the projector's transaction (an event whose projection failed leaves no row, like everywhere
-- else); read by GET /api/audit/events and by the totals as of a past instant, which replay it.
-- Order everywhere: recorded time (ce_time), then topic, partition and offset — stable, and within one
-- aggregate (one key, one partition) the order the events happened.

CREATE TABLE audit_event (
    event_id        VARCHAR(255) NOT NULL PRIMARY KEY,   -- ce_id
    type            VARCHAR(200) NOT NULL,               -- ce_type, e.g. jingzhun.rectification.ProblemLogged.v1
    topic           VARCHAR(255) NOT NULL,
    partition_no    INTEGER      NOT NULL,
    offset_no       BIGINT       NOT NULL,
    subject         VARCHAR(255) NOT NULL,               -- ce_subject: the aggregate id
    sequence_no     BIGINT       NOT NULL,               -- jingzhun_sequence, -1 when absent
    organization_id VARCHAR(100),                        -- the payload's organizationId, when it has one
    campaign_id     VARCHAR(100),                        -- the payload's campaignId, when it has one
    actor           VARCHAR(255) NOT NULL,               -- jingzhun_actor
    recorded_at     TIMESTAMPTZ  NOT NULL,               -- ce_time
    payload         JSONB        NOT NULL
);

-- The whole history in order (also what as-of replays), and the two filters of the audit endpoint,
-- each already in the order of the answer so that a cursor streams without sorting.
CREATE INDEX audit_event_in_order ON audit_event (recorded_at, topic, partition_no, offset_no);
CREATE INDEX audit_event_by_organization ON audit_event (organization_id, recorded_at, topic, partition_no, offset_no);
CREATE INDEX audit_event_by_type ON audit_event (type, recorded_at, topic, partition_no, offset_no);
