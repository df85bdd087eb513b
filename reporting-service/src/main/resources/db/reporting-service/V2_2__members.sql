-- Members of branches, for the registry-wide member totals. A member who left is kept, inactive.
CREATE TABLE member (
    member_id       VARCHAR(100) NOT NULL PRIMARY KEY,
    organization_id VARCHAR(100) NOT NULL,
    field           VARCHAR(30)  NOT NULL,
    occupation      VARCHAR(30)  NOT NULL,
    status          VARCHAR(30)  NOT NULL,
    active          BOOLEAN      NOT NULL DEFAULT TRUE
);
