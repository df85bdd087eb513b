-- Read models behind GET /api/totals, fed by the projector "reporting-live".
-- No foreign keys on purpose: each topic is consumed independently, so a visit or a problem may be
-- projected before the organization or campaign it names; totals join them when asked.

CREATE TABLE organization (
    organization_id VARCHAR(100) NOT NULL PRIMARY KEY,
    name            TEXT         NOT NULL,
    tier            VARCHAR(20)  NOT NULL,
    sector          VARCHAR(30)  NOT NULL,
    parent_id       VARCHAR(100),
    dissolved       BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE campaign (
    campaign_id VARCHAR(100) NOT NULL PRIMARY KEY,
    name        TEXT         NOT NULL,
    starts_on   DATE         NOT NULL,
    ends_on     DATE         NOT NULL
);

-- One row per recorded visit (HonorRoomVisited.recordId).
-- One row per visit, keyed by the event's id: an organization's visits share one record_id.
CREATE TABLE honor_room_visit (
    event_id        VARCHAR(100) NOT NULL PRIMARY KEY,
    record_id       VARCHAR(100) NOT NULL,
    organization_id VARCHAR(100) NOT NULL,
    campaign_id     VARCHAR(100) NOT NULL,
    visit_date      DATE         NOT NULL,
    visitors        INTEGER      NOT NULL
);
CREATE INDEX honor_room_visit_campaign ON honor_room_visit (campaign_id);

CREATE TABLE problem (
    problem_id               VARCHAR(100) NOT NULL PRIMARY KEY,
    organization_id          VARCHAR(100) NOT NULL,
    campaign_id              VARCHAR(100) NOT NULL,
    status                   VARCHAR(20)  NOT NULL,
    source                   VARCHAR(30)  NOT NULL,
    focus_area               VARCHAR(50)  NOT NULL,
    special_rectification_id VARCHAR(100),
    deadline                 TIMESTAMPTZ  NOT NULL,
    overdue                  BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX problem_campaign ON problem (campaign_id);

-- Exactly one row: how many events were applied and the latest event time among them.
CREATE TABLE projection_stats (
    id               SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    events_projected BIGINT      NOT NULL,
    last_event_at    TIMESTAMPTZ
);
INSERT INTO projection_stats (id, events_projected, last_event_at) VALUES (1, 0, NULL);
