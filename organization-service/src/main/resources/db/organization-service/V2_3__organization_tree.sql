-- The organization tree: dissolution, sibling-unique names (a unique key, claimed in the command's
-- transaction) and members.
ALTER TABLE organization_view ADD COLUMN dissolved BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX organization_view_tier_sector ON organization_view (tier, sector);

CREATE TABLE organization_name (
    parent_key      VARCHAR(100) NOT NULL,
    name_key        VARCHAR(200) NOT NULL,
    organization_id VARCHAR(100) NOT NULL,
    PRIMARY KEY (parent_key, name_key)
);

CREATE TABLE member_view (
    id              VARCHAR(100) PRIMARY KEY,
    organization_id VARCHAR(100) NOT NULL,
    field           VARCHAR(30)  NOT NULL,
    occupation      VARCHAR(30)  NOT NULL,
    status          VARCHAR(30)  NOT NULL,
    display_name    VARCHAR(200),
    active          BOOLEAN      NOT NULL DEFAULT TRUE
);
CREATE INDEX member_view_organization ON member_view (organization_id) WHERE active;
