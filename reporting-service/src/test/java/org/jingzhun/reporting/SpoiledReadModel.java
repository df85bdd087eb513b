package org.jingzhun.reporting;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A read model spoiled behind the projector's back (a bug, a hand edit) for the replay's tests to find: each of
 * an organization's honor-room visits gets {@code more} visitors, and the hourly and per-second roll-ups that the
 * county's totals read are spoiled to match, so that every way of counting shows the same wrong number.
 */
public final class SpoiledReadModel {

    private SpoiledReadModel() {
    }

    public static void addVisitors(JdbcClient database, String organizationId, int more) {
        database.sql("UPDATE honor_room_visit SET visitors = visitors + ? WHERE organization_id = ?")
                .params(more, organizationId).update();
        for (String[] rollUps : new String[][] {{"totals_hourly", "hour", "1 hour"}, {"totals_by_second", "second", "1 second"}}) {
            database.sql("""
                            UPDATE %1$s AS r SET amount = r.amount + ? * v.visits
                            FROM (SELECT campaign_id, date_bin('%3$s', recorded_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bin,
                                         count(*) AS visits
                                  FROM honor_room_visit WHERE organization_id = ? GROUP BY 1, 2) AS v
                            WHERE r.measure = 'honor_room' AND r.grp = ? AND r.campaign_id = v.campaign_id
                              AND r.%2$s = v.bin""".formatted(rollUps[0], rollUps[1], rollUps[2]))
                    .params(more, organizationId, organizationId).update();
        }
    }
}
