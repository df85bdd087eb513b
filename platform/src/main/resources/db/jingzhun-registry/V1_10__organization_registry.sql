-- The organization registry replica (org.jingzhun.platform.registry): what a service knows of
-- organizations, campaigns, plans and members from jingzhun.organization.events. Rebuildable: delete
-- these rows and the projector's offsets and applied event ids, and it is read again from the topic.
--
-- No foreign keys between these tables: events of different aggregates arrive in any order (a child
-- before its parent, a member before its branch), and the replica must take each as it comes.

CREATE TABLE registry_organization (
    id            VARCHAR(255) PRIMARY KEY,
    name          TEXT         NOT NULL,
    tier          VARCHAR(32)  NOT NULL,
    sector        VARCHAR(32)  NOT NULL,
    parent_id     VARCHAR(255),
    dissolved     BOOLEAN      NOT NULL DEFAULT FALSE,
    -- The aggregate's sequence number of the last event applied: an older event is never re-applied.
    last_sequence BIGINT       NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX registry_organization_parent ON registry_organization (parent_id);

CREATE TABLE registry_campaign (
    id        VARCHAR(255) PRIMARY KEY,
    name      TEXT         NOT NULL,
    starts_on DATE         NOT NULL,
    ends_on   DATE         NOT NULL
);

-- Every version of every campaign's guidance plan, in full, as the platform's event JSON.
CREATE TABLE registry_plan (
    campaign_id VARCHAR(255) NOT NULL,
    version     INTEGER      NOT NULL,
    starts_on   DATE         NOT NULL,
    ends_on     DATE         NOT NULL,
    plan        JSONB        NOT NULL,
    issued_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (campaign_id, version)
);

-- A member now: current (or last) branch and categories.
CREATE TABLE registry_member (
    member_id       VARCHAR(255) PRIMARY KEY,
    organization_id VARCHAR(255) NOT NULL,
    field           VARCHAR(32)  NOT NULL,
    occupation      VARCHAR(32)  NOT NULL,
    status          VARCHAR(32)  NOT NULL,
    active          BOOLEAN      NOT NULL DEFAULT TRUE,
    last_sequence   BIGINT       NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);

-- Which branch held a member when: [valid_from, valid_to), valid_to NULL while it still does.
-- The boundaries are the times of the enrolment, transfer and leave events.
CREATE TABLE registry_membership (
    member_id       VARCHAR(255) NOT NULL,
    organization_id VARCHAR(255) NOT NULL,
    valid_from      TIMESTAMPTZ  NOT NULL,
    valid_to        TIMESTAMPTZ,
    PRIMARY KEY (member_id, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX registry_membership_organization ON registry_membership (organization_id, valid_from);
