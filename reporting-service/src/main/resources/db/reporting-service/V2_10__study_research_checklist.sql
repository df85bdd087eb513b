-- Read models of the checklist service's events (study, notes, research, the branch "ten ones"),
-- fed by the projector "reporting-live". Rows are keyed by the fact's own id, so a redelivered event
-- changes nothing. No foreign keys, as in V2_1: topics are consumed independently.

CREATE TABLE study_session (
    session_id      VARCHAR(100) NOT NULL PRIMARY KEY,
    organization_id VARCHAR(100) NOT NULL,
    campaign_id     VARCHAR(100) NOT NULL,
    held_on         DATE         NOT NULL,
    days            NUMERIC(6,1) NOT NULL,
    format          VARCHAR(40)  NOT NULL,
    attendees       INTEGER      NOT NULL
);
CREATE INDEX study_session_campaign ON study_session (campaign_id);

-- Each calendar day a session covers, with the part of it studied (1.0 or 0.5; StudyDays.spread).
-- What requirement checks need: days per organization and month, runs of consecutive days, by format.
CREATE TABLE study_day (
    session_id      VARCHAR(100) NOT NULL,
    day             DATE         NOT NULL,
    organization_id VARCHAR(100) NOT NULL,
    campaign_id     VARCHAR(100) NOT NULL,
    format          VARCHAR(40)  NOT NULL,
    days            NUMERIC(2,1) NOT NULL,
    PRIMARY KEY (session_id, day)
);
CREATE INDEX study_day_organization ON study_day (campaign_id, organization_id, day);

-- Study days per organization, campaign, month and format (months as 'YYYY-MM').
CREATE VIEW study_days_by_month AS
SELECT campaign_id, organization_id, to_char(day, 'YYYY-MM') AS month, format, sum(days) AS days
FROM study_day
GROUP BY campaign_id, organization_id, to_char(day, 'YYYY-MM'), format;

CREATE TABLE study_note (
    note_id         VARCHAR(100) NOT NULL PRIMARY KEY,
    organization_id VARCHAR(100) NOT NULL,
    campaign_id     VARCHAR(100) NOT NULL,
    member_id       VARCHAR(100) NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    noted_on        DATE         NOT NULL
);
CREATE INDEX study_note_campaign ON study_note (campaign_id, member_id);

CREATE TABLE research (
    research_id     VARCHAR(100) NOT NULL PRIMARY KEY,
    organization_id VARCHAR(100) NOT NULL,
    campaign_id     VARCHAR(100) NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    member_id       VARCHAR(100),
    submitted_on    DATE         NOT NULL
);
CREATE INDEX research_campaign ON research (campaign_id, organization_id);

-- Every completion of a checklist item, repeats of "at least once" items included.
CREATE TABLE checklist_completion (
    completion_id   VARCHAR(100) NOT NULL PRIMARY KEY,
    organization_id VARCHAR(100) NOT NULL,
    campaign_id     VARCHAR(100) NOT NULL,
    item            VARCHAR(40)  NOT NULL,
    completed_on    DATE         NOT NULL
);
CREATE INDEX checklist_completion_campaign ON checklist_completion (campaign_id, organization_id, item);
