-- The roll-ups of totals_hourly (V2_95, V2_97), also per second of recorded time, so that the totals as of an
-- instant read a bounded amount of data within the instant's own hour too: the hourly roll-ups before that
-- hour, these of its seconds before the instant's second, and the rows within that second (RolledUpCounts).
-- Kept by HourlyRollUps in the same statement as the hourly ones. Seconds: date_bin('1 second', t,
-- '2000-01-01Z'); -infinity for rows projected before V2_70. Measures and groups as in totals_hourly.
CREATE TABLE totals_by_second (
    campaign_id VARCHAR(100) NOT NULL,
    measure     VARCHAR(30)  NOT NULL,
    grp         TEXT         NOT NULL,
    second      TIMESTAMPTZ  NOT NULL,
    amount      NUMERIC      NOT NULL,
    PRIMARY KEY (campaign_id, measure, grp, second)
);
-- The seconds of an hour up to an instant, and which campaigns have rows within the instant's second.
CREATE INDEX totals_by_second_second ON totals_by_second (second, measure);

INSERT INTO totals_by_second (campaign_id, measure, grp, second, amount)
SELECT campaign_id, 'study_notes', '', date_bin('1 second', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*)
FROM study_note GROUP BY 1, 4;
INSERT INTO totals_by_second (campaign_id, measure, grp, second, amount)
SELECT campaign_id, 'study_sessions', '', date_bin('1 second', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*)
FROM study_session GROUP BY 1, 4;
INSERT INTO totals_by_second (campaign_id, measure, grp, second, amount)
SELECT campaign_id, 'study_days', '', date_bin('1 second', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), sum(days)
FROM study_session GROUP BY 1, 4;
INSERT INTO totals_by_second (campaign_id, measure, grp, second, amount)
SELECT campaign_id, 'research', kind, date_bin('1 second', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*)
FROM research GROUP BY 1, 3, 4;
INSERT INTO totals_by_second (campaign_id, measure, grp, second, amount)
SELECT campaign_id, 'honor_room', organization_id,
       date_bin('1 second', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), sum(visitors)
FROM honor_room_visit GROUP BY 1, 3, 4;
INSERT INTO totals_by_second (campaign_id, measure, grp, second, amount)
SELECT '', 'members', grp, second, sum(d) FROM (
    SELECT field || ' ' || occupation || ' ' || status AS grp,
           date_bin('1 second', valid_from, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS second, 1 AS d
    FROM member_history WHERE active
    UNION ALL
    SELECT field || ' ' || occupation || ' ' || status,
           date_bin('1 second', valid_to, TIMESTAMPTZ '2000-01-01 00:00:00+00'), -1
    FROM member_history WHERE active AND valid_to <> 'infinity') v
GROUP BY grp, second;
INSERT INTO totals_by_second (campaign_id, measure, grp, second, amount)
SELECT campaign_id, 'problems', grp, second, sum(d) FROM (
    SELECT campaign_id,
           concat_ws(chr(31), status, overdue, source, coalesce(special_rectification_id, ''), organization_id) AS grp,
           date_bin('1 second', valid_from, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS second, 1 AS d
    FROM problem_history
    UNION ALL
    SELECT campaign_id,
           concat_ws(chr(31), status, overdue, source, coalesce(special_rectification_id, ''), organization_id),
           date_bin('1 second', valid_to, TIMESTAMPTZ '2000-01-01 00:00:00+00'), -1
    FROM problem_history WHERE valid_to <> 'infinity') v
GROUP BY campaign_id, grp, second;
