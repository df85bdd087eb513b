-- The problem read model, written by a subscribing event handler in the command's transaction.
CREATE TABLE problem_view (
    id                       VARCHAR(100)  PRIMARY KEY,
    organization_id          VARCHAR(100)  NOT NULL,
    campaign_id              VARCHAR(100)  NOT NULL,
    focus_area               VARCHAR(60)   NOT NULL,
    source                   VARCHAR(40)   NOT NULL,
    special_rectification_id VARCHAR(100),
    description              VARCHAR(4000) NOT NULL,
    owner                    VARCHAR(200)  NOT NULL,
    deadline                 TIMESTAMPTZ   NOT NULL,
    status                   VARCHAR(20)   NOT NULL
);
CREATE INDEX problem_view_organization ON problem_view (organization_id, status);
