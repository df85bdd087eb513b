-- Hourly roll-ups of the counters that grow with the number of events, so that the totals as of an instant
-- read a bounded amount of data: the roll-ups of the hours before the instant's hour (at most one row per
-- campaign, counter and hour) plus the rows recorded within that hour up to the instant (TotalsQuery).
-- Kept by the totals projection in the same transaction as the rows they count (HourlyRollUps), so a
-- replay rebuilds them with every other table. Hours: date_bin('1 hour', t, '2000-01-01Z'), as
-- projected_events_hourly; -infinity for rows projected before V2_70.
--   study_notes, study_sessions: rows of study_note / study_session recorded within the hour
--   study_days: sum(days) of those study sessions
--   research (grp = kind): rows of research recorded within the hour
--   members (campaign_id '', grp = 'field occupation status'): active versions of member_history that
--       begin within the hour (+1) less those that end within it (-1); summed up to an hour, the members
--       active by then
CREATE TABLE totals_hourly (
    campaign_id VARCHAR(100) NOT NULL,
    measure     VARCHAR(30)  NOT NULL,
    grp         VARCHAR(100) NOT NULL,
    hour        TIMESTAMPTZ  NOT NULL,
    amount      NUMERIC      NOT NULL,
    PRIMARY KEY (campaign_id, measure, grp, hour)
);
-- Which campaigns have rows within the instant's hour.
CREATE INDEX totals_hourly_hour ON totals_hourly (hour, measure);

INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
SELECT campaign_id, 'study_notes', '', date_bin('1 hour', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*)
FROM study_note GROUP BY 1, 4;
INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
SELECT campaign_id, 'study_sessions', '', date_bin('1 hour', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*)
FROM study_session GROUP BY 1, 4;
INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
SELECT campaign_id, 'study_days', '', date_bin('1 hour', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), sum(days)
FROM study_session GROUP BY 1, 4;
INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
SELECT campaign_id, 'research', kind, date_bin('1 hour', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), count(*)
FROM research GROUP BY 1, 3, 4;
INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
SELECT '', 'members', grp, hour, sum(d) FROM (
    SELECT field || ' ' || occupation || ' ' || status AS grp,
           date_bin('1 hour', valid_from, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hour, 1 AS d
    FROM member_history WHERE active
    UNION ALL
    SELECT field || ' ' || occupation || ' ' || status, date_bin('1 hour', valid_to, TIMESTAMPTZ '2000-01-01 00:00:00+00'), -1
    FROM member_history WHERE active AND valid_to <> 'infinity') v
GROUP BY grp, hour;

-- The versions of members that end within the instant's hour (those that begin: member_history_valid).
CREATE INDEX member_history_ended ON member_history (valid_to);
-- Honor-room visits as of an instant: counted from the index alone.
DROP INDEX honor_room_visit_recorded;
CREATE INDEX honor_room_visit_recorded ON honor_room_visit (campaign_id, recorded_at) INCLUDE (organization_id, visitors);
