-- Special rectifications (专项整治) launched, from SpecialRectificationLaunched. Problems name theirs by
-- problem.special_rectification_id; no foreign key, as everywhere here: either may be projected first.
CREATE TABLE special_rectification (
    special_rectification_id VARCHAR(100) NOT NULL PRIMARY KEY,
    campaign_id              VARCHAR(100) NOT NULL,
    title                    TEXT         NOT NULL,
    scope                    TEXT,
    organization_id          VARCHAR(100)
);
CREATE INDEX special_rectification_campaign ON special_rectification (campaign_id);
