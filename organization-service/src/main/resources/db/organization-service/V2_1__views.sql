-- Read models of the organization service, written by subscribing event handlers.
CREATE TABLE campaign_view (
    id        VARCHAR(100) PRIMARY KEY,
    name      VARCHAR(200) NOT NULL,
    starts_on DATE         NOT NULL,
    ends_on   DATE         NOT NULL
);

CREATE TABLE organization_view (
    id        VARCHAR(100) PRIMARY KEY,
    name      VARCHAR(200) NOT NULL,
    tier      VARCHAR(20)  NOT NULL,
    sector    VARCHAR(30)  NOT NULL,
    parent_id VARCHAR(100)
);
CREATE INDEX organization_view_parent ON organization_view (parent_id);
