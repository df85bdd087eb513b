-- Every issued version of each campaign's guidance plan, as the GuidancePlanIssued event carried it.
CREATE TABLE guidance_plan_view (
    campaign_id VARCHAR(100) NOT NULL,
    version     INTEGER      NOT NULL,
    starts_on   DATE         NOT NULL,
    ends_on     DATE         NOT NULL,
    plan        JSONB        NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL,
    issued_by   VARCHAR(255) NOT NULL,
    PRIMARY KEY (campaign_id, version)
);
