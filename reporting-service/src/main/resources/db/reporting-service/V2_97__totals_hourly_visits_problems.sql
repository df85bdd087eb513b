-- The totals as of an instant read honor-room visits and problems from hourly roll-ups too (V2_95), so that
-- no part of the county's answer grows with the number of events:
--   honor_room (grp = organization_id): sum(visitors) of the visits recorded within the hour; an
--       organization visited by then has a row (even of 0 visitors) in some hour before
--   problems (grp = status, overdue, source, special rectification or '', organization, joined by chr(31)):
--       versions of problem_history that begin within the hour (+1) less those that end within it (-1)
-- A problem's group holds ids, longer than the 100 characters the column took.
ALTER TABLE totals_hourly ALTER COLUMN grp TYPE TEXT;

INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
SELECT campaign_id, 'honor_room', organization_id,
       date_bin('1 hour', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), sum(visitors)
FROM honor_room_visit GROUP BY 1, 3, 4;

INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
SELECT campaign_id, 'problems', grp, hour, sum(d) FROM (
    SELECT campaign_id,
           concat_ws(chr(31), status, overdue, source, coalesce(special_rectification_id, ''), organization_id) AS grp,
           date_bin('1 hour', valid_from, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hour, 1 AS d
    FROM problem_history
    UNION ALL
    SELECT campaign_id,
           concat_ws(chr(31), status, overdue, source, coalesce(special_rectification_id, ''), organization_id),
           date_bin('1 hour', valid_to, TIMESTAMPTZ '2000-01-01 00:00:00+00'), -1
    FROM problem_history WHERE valid_to <> 'infinity') v
GROUP BY campaign_id, grp, hour;

-- The versions of problems that end within the instant's hour (those that begin: problem_history_valid).
CREATE INDEX problem_history_ended ON problem_history (campaign_id, valid_to);
