-- The problem's whole lifecycle in its read model, its history, and the special rectifications.

ALTER TABLE problem_view
    ADD COLUMN measures         JSONB         NOT NULL DEFAULT '[]',
    ADD COLUMN evidence         VARCHAR(4000),
    ADD COLUMN attachments      JSONB         NOT NULL DEFAULT '[]',
    ADD COLUMN verified_by      VARCHAR(200),
    -- The deadline for which ProblemOverdue was recorded, and when: overdue while it equals deadline.
    ADD COLUMN overdue_deadline TIMESTAMPTZ,
    ADD COLUMN overdue_at       TIMESTAMPTZ,
    ADD COLUMN logged_at        TIMESTAMPTZ,
    -- The event position the row reflects: the problem's last sequence number and event time.
    ADD COLUMN last_sequence    BIGINT        NOT NULL DEFAULT 0,
    ADD COLUMN last_event_at    TIMESTAMPTZ;
CREATE INDEX problem_view_deadline ON problem_view (deadline);
CREATE INDEX problem_view_campaign ON problem_view (campaign_id);

-- Every event of every problem, for GET /api/problems/{id}: what happened, when and by whom.
CREATE TABLE problem_history (
    problem_id  VARCHAR(100) NOT NULL,
    sequence    BIGINT       NOT NULL,
    type        VARCHAR(60)  NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    actor       VARCHAR(200) NOT NULL,
    details     JSONB        NOT NULL,
    PRIMARY KEY (problem_id, sequence)
);

CREATE TABLE special_rectification_view (
    id              VARCHAR(100) PRIMARY KEY,
    campaign_id     VARCHAR(100) NOT NULL,
    title           VARCHAR(200) NOT NULL,
    scope           VARCHAR(2000),
    organization_id VARCHAR(100),
    launched_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX special_rectification_view_campaign ON special_rectification_view (campaign_id);
