-- The read models keep their own history, so that an answer as of an instant (totals, compliance,
-- scorecards, every panel of the dashboard) is counted by the same queries as the live one, from the
-- same rows (package readmodel, class AsOf). Time is the event's recorded time (ce_time), as before.
-- Replaces the checkpoints of a second, in-memory fold of the totals (V2_31).
DROP TABLE IF EXISTS totals_checkpoint;

-- Facts are never changed: each row carries the recorded time of the event that created it. Rows older
-- than this migration get the time of their event from the audit trail where it has it, else -infinity
-- (known before any instant; a replay gives them their times).
ALTER TABLE campaign ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE guidance_plan ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE honor_room_visit ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE study_session ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE study_day ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE study_note ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE research ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE checklist_completion ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';
ALTER TABLE special_rectification ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity';

UPDATE honor_room_visit f SET recorded_at = a.recorded_at FROM audit_event a WHERE a.event_id = f.event_id;
UPDATE campaign f SET recorded_at = a.recorded_at FROM (
    SELECT payload ->> 'campaignId' AS id, min(recorded_at) AS recorded_at FROM audit_event
    WHERE type LIKE 'jingzhun.organization.CampaignLaunched.%' GROUP BY 1) a WHERE a.id = f.campaign_id;
UPDATE guidance_plan f SET recorded_at = a.recorded_at FROM (
    SELECT payload ->> 'campaignId' AS id, (payload ->> 'version')::int AS version, min(recorded_at) AS recorded_at
    FROM audit_event WHERE type LIKE 'jingzhun.organization.GuidancePlanIssued.%' GROUP BY 1, 2) a
WHERE a.id = f.campaign_id AND a.version = f.version;
UPDATE study_session f SET recorded_at = a.recorded_at FROM (
    SELECT payload ->> 'sessionId' AS id, min(recorded_at) AS recorded_at FROM audit_event
    WHERE type LIKE 'jingzhun.checklist.StudySessionHeld.%' GROUP BY 1) a WHERE a.id = f.session_id;
UPDATE study_day f SET recorded_at = s.recorded_at FROM study_session s WHERE s.session_id = f.session_id;
UPDATE study_note f SET recorded_at = a.recorded_at FROM (
    SELECT payload ->> 'noteId' AS id, min(recorded_at) AS recorded_at FROM audit_event
    WHERE type LIKE 'jingzhun.checklist.StudyNoteRecorded.%' GROUP BY 1) a WHERE a.id = f.note_id;
UPDATE research f SET recorded_at = a.recorded_at FROM (
    SELECT payload ->> 'researchId' AS id, min(recorded_at) AS recorded_at FROM audit_event
    WHERE type LIKE 'jingzhun.checklist.ResearchSubmitted.%' GROUP BY 1) a WHERE a.id = f.research_id;
UPDATE checklist_completion f SET recorded_at = a.recorded_at FROM (
    SELECT payload ->> 'completionId' AS id, min(recorded_at) AS recorded_at FROM audit_event
    WHERE type LIKE 'jingzhun.checklist.ChecklistItemCompleted.%' GROUP BY 1) a WHERE a.id = f.completion_id;
UPDATE special_rectification f SET recorded_at = a.recorded_at FROM (
    SELECT payload ->> 'specialRectificationId' AS id, min(recorded_at) AS recorded_at FROM audit_event
    WHERE type LIKE 'jingzhun.rectification.SpecialRectificationLaunched.%' GROUP BY 1) a
WHERE a.id = f.special_rectification_id;

-- An answer as of T reads the rows of its campaign recorded up to T, in index order.
CREATE INDEX honor_room_visit_recorded ON honor_room_visit (campaign_id, recorded_at);
CREATE INDEX study_session_recorded ON study_session (campaign_id, recorded_at);
CREATE INDEX study_day_recorded ON study_day (campaign_id, recorded_at);
CREATE INDEX study_note_recorded ON study_note (campaign_id, recorded_at);
CREATE INDEX research_recorded ON research (campaign_id, recorded_at);
CREATE INDEX checklist_completion_recorded ON checklist_completion (campaign_id, recorded_at);
CREATE INDEX special_rectification_recorded ON special_rectification (campaign_id, recorded_at);

-- Rows that change: every version of a row, valid over [valid_from, valid_to) of recorded time; the
-- current one has valid_to = 'infinity' and equals the row of the live table. Several changes at one
-- instant leave one version (the last); a change recorded before the current version began (never within
-- one aggregate, whose events share a partition) is taken as made when that version began.
CREATE TABLE organization_history (
    organization_id VARCHAR(100) NOT NULL,
    name            TEXT         NOT NULL,
    tier            VARCHAR(20)  NOT NULL,
    sector          VARCHAR(30)  NOT NULL,
    parent_id       VARCHAR(100),
    dissolved       BOOLEAN      NOT NULL,
    valid_from      TIMESTAMPTZ  NOT NULL,
    valid_to        TIMESTAMPTZ  NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (organization_id, valid_from)
);
CREATE INDEX organization_history_valid ON organization_history (valid_from, valid_to);
CREATE INDEX organization_history_current ON organization_history (organization_id) WHERE valid_to = 'infinity';
INSERT INTO organization_history (organization_id, name, tier, sector, parent_id, dissolved, valid_from)
SELECT organization_id, name, tier, sector, parent_id, dissolved, '-infinity' FROM organization;

CREATE TABLE member_history (
    member_id       VARCHAR(100) NOT NULL,
    organization_id VARCHAR(100) NOT NULL,
    field           VARCHAR(30)  NOT NULL,
    occupation      VARCHAR(30)  NOT NULL,
    status          VARCHAR(30)  NOT NULL,
    active          BOOLEAN      NOT NULL,
    valid_from      TIMESTAMPTZ  NOT NULL,
    valid_to        TIMESTAMPTZ  NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (member_id, valid_from)
);
CREATE INDEX member_history_valid ON member_history (valid_from, valid_to);
CREATE INDEX member_history_current ON member_history (member_id) WHERE valid_to = 'infinity';
INSERT INTO member_history (member_id, organization_id, field, occupation, status, active, valid_from)
SELECT member_id, organization_id, field, occupation, status, active, '-infinity' FROM member;

CREATE TABLE problem_history (
    problem_id               VARCHAR(100) NOT NULL,
    organization_id          VARCHAR(100) NOT NULL,
    campaign_id              VARCHAR(100) NOT NULL,
    status                   VARCHAR(20)  NOT NULL,
    source                   VARCHAR(30)  NOT NULL,
    focus_area               VARCHAR(50)  NOT NULL,
    special_rectification_id VARCHAR(100),
    deadline                 TIMESTAMPTZ  NOT NULL,
    overdue                  BOOLEAN      NOT NULL,
    valid_from               TIMESTAMPTZ  NOT NULL,
    valid_to                 TIMESTAMPTZ  NOT NULL DEFAULT 'infinity',
    PRIMARY KEY (problem_id, valid_from)
);
CREATE INDEX problem_history_valid ON problem_history (campaign_id, valid_from, valid_to);
CREATE INDEX problem_history_current ON problem_history (problem_id) WHERE valid_to = 'infinity';
INSERT INTO problem_history (problem_id, organization_id, campaign_id, status, source, focus_area,
                             special_rectification_id, deadline, overdue, valid_from)
SELECT problem_id, organization_id, campaign_id, status, source, focus_area, special_rectification_id, deadline,
       overdue, '-infinity' FROM problem;

-- projection_stats over time: events applied per recorded instant, and per hour of recorded time, so that
-- "how many events up to T" reads the hours before T's hour and the instants within it, never all events.
CREATE TABLE projected_events_at (
    recorded_at TIMESTAMPTZ NOT NULL PRIMARY KEY,
    events      BIGINT      NOT NULL
);
CREATE TABLE projected_events_hourly (
    hour   TIMESTAMPTZ NOT NULL PRIMARY KEY,   -- date_bin('1 hour', recorded_at, '2000-01-01Z'); -infinity: before V2_70
    events BIGINT      NOT NULL
);
INSERT INTO projected_events_at (recorded_at, events)
SELECT recorded_at, count(*) FROM audit_event GROUP BY recorded_at;
INSERT INTO projected_events_hourly (hour, events)
SELECT date_bin('1 hour', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*) FROM audit_event GROUP BY 1;
-- Events counted before the audit trail existed: known before any instant.
INSERT INTO projected_events_hourly (hour, events)
SELECT '-infinity', s.events_projected - (SELECT count(*) FROM audit_event) FROM projection_stats s
WHERE s.events_projected > (SELECT count(*) FROM audit_event);
