-- Every issued version of a campaign's guidance plan, in full (the highest version is in force).
-- No total counts plans; they are kept so that requirement checks can be built on this database.
CREATE TABLE guidance_plan (
    campaign_id VARCHAR(100) NOT NULL,
    version     INTEGER      NOT NULL,
    starts_on   DATE         NOT NULL,
    ends_on     DATE         NOT NULL,
    plan        JSONB        NOT NULL,
    PRIMARY KEY (campaign_id, version)
);
