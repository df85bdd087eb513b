package org.jingzhun.reporting.totals;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jingzhun.platform.projection.ColumnArrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps {@code totals_hourly} (V2_95, V2_97): per campaign and hour of recorded time, the study notes, study
 * sessions, study days and research by kind recorded within it, the honor-room visitors by organization, and
 * the members' and problems' changes. The only writer of the
 * roll-ups; the row handlers call it in the projector's transaction, for a fact only when it was new, so a
 * second copy of an event counts nothing. A replay rebuilds the roll-ups with the rows they count.
 * {@link TotalsQuery} reads them for the totals as of an instant.
 */
final class HourlyRollUps {

    static final String STUDY_NOTES = "study_notes";
    static final String STUDY_SESSIONS = "study_sessions";
    static final String STUDY_DAYS = "study_days";
    static final String RESEARCH = "research";
    static final String MEMBERS = "members";
    static final String HONOR_ROOM = "honor_room";
    static final String PROBLEMS = "problems";
    /** Between the parts of a problem's group: no part holds it (statuses, sources and ids are printable). */
    static final String PART = String.valueOf((char) 31);
    /** A problem version's group: status, overdue, source, special rectification ('' for none), organization. */
    static final String PROBLEM_GROUP = "concat_ws(chr(31), status, overdue, source,"
            + " coalesce(special_rectification_id, ''), organization_id)";

    /** The hour of recorded time a time falls in, as {@code projected_events_hourly} bins it. */
    static String hourOf(String time) {
        return "date_bin('1 hour', " + time + ", TIMESTAMPTZ '2000-01-01 00:00:00+00')";
    }

    private static final String ADD = """
            INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
            VALUES (?, ?, ?, %s, ?)
            ON CONFLICT (campaign_id, measure, grp, hour) DO UPDATE SET amount = totals_hourly.amount + EXCLUDED.amount"""
            .formatted(hourOf("CAST(? AS TIMESTAMPTZ)"));

    /** Each active version of the member: +1 in the hour it begins, -1 in the hour it ends; times :sign. */
    private static final String MEMBER_VERSIONS = memberVersions(":sign", "member_id = :id");

    /** {@link #MEMBER_VERSIONS} of the members whose ids the statement's one {@code text[]} parameter holds. */
    private static final String MEMBERS_VERSIONS = memberVersions("%d",
            "member_id IN (SELECT unnest(CAST(? AS TEXT[])))");

    private static String memberVersions(String sign, String members) {
        return """
                INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
                SELECT '', 'members', grp, hour, %1$s * sum(d) FROM (
                    SELECT field || ' ' || occupation || ' ' || status AS grp, %3$s AS hour, 1 AS d
                    FROM member_history WHERE %2$s AND active
                    UNION ALL
                    SELECT field || ' ' || occupation || ' ' || status, %4$s, -1
                    FROM member_history WHERE %2$s AND active AND valid_to <> 'infinity') v
                GROUP BY grp, hour
                ON CONFLICT (campaign_id, measure, grp, hour) DO UPDATE SET amount = totals_hourly.amount + EXCLUDED.amount"""
                .formatted(sign, members, hourOf("valid_from"), hourOf("valid_to"));
    }

    /** Each version of the problem: +1 in the hour it begins, -1 in the hour it ends; times :sign. */
    private static final String PROBLEM_VERSIONS = problemVersions(":sign", "problem_id = :id");

    /** {@link #PROBLEM_VERSIONS} of the problems whose ids the statement's one {@code text[]} parameter holds. */
    private static final String PROBLEMS_VERSIONS = problemVersions("%d",
            "problem_id IN (SELECT unnest(CAST(? AS TEXT[])))");

    private static String problemVersions(String sign, String problems) {
        return """
                INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
                SELECT campaign_id, 'problems', grp, hour, %1$s * sum(d) FROM (
                    SELECT campaign_id, %5$s AS grp, %3$s AS hour, 1 AS d
                    FROM problem_history WHERE %2$s
                    UNION ALL
                    SELECT campaign_id, %5$s, %4$s, -1
                    FROM problem_history WHERE %2$s AND valid_to <> 'infinity') v
                GROUP BY campaign_id, grp, hour
                ON CONFLICT (campaign_id, measure, grp, hour) DO UPDATE SET amount = totals_hourly.amount + EXCLUDED.amount"""
                .formatted(sign, problems, hourOf("valid_from"), hourOf("valid_to"), PROBLEM_GROUP);
    }

    /**
     * Adds the roll-ups of the facts a set-based insert made ({@link FactBatch}), as part of one statement whose
     * {@code fresh} is that insert's {@code RETURNING campaign_id, recorded_at} (and the columns {@code group}
     * and {@code amount} read): one row per campaign, group and hour, so the statement adds to each roll-up once.
     * {@code group} is a column of {@code fresh} or {@code ''}.
     */
    static String addFresh(String measure, String group, String amount) {
        return """
                INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
                SELECT campaign_id, '%s', %s, %s, %s FROM fresh GROUP BY %s
                ON CONFLICT (campaign_id, measure, grp, hour) DO UPDATE SET amount = totals_hourly.amount + EXCLUDED.amount"""
                .formatted(measure, group, hourOf("recorded_at"), amount, "''".equals(group) ? "1, 4" : "1, 3, 4");
    }

    private final JdbcClient jdbc;

    HourlyRollUps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new fact of {@code measure} (and {@code group}, or "") recorded at {@code at}, adding {@code amount}. */
    void counted(String campaignId, String measure, String group, OffsetDateTime at, BigDecimal amount) {
        jdbc.sql(ADD).params(campaignId, measure, group, at, amount).update();
    }

    /**
     * Around a change of the member's history: its versions' part is taken out before and put back after,
     * whatever the change did to them (a version closed, opened or replaced).
     */
    void memberChanging(String memberId, Runnable change) {
        jdbc.sql(MEMBER_VERSIONS).param("sign", -1).param("id", memberId).update();
        change.run();
        jdbc.sql(MEMBER_VERSIONS).param("sign", 1).param("id", memberId).update();
    }

    /** As {@link #memberChanging}, around a change of the problem's history. */
    void problemChanging(String problemId, Runnable change) {
        jdbc.sql(PROBLEM_VERSIONS).param("sign", -1).param("id", problemId).update();
        change.run();
        jdbc.sql(PROBLEM_VERSIONS).param("sign", 1).param("id", problemId).update();
    }

    /** As {@link #membersChanging}, for problems: {@code changes}' column {@code id} names each at most once. */
    void problemsChanging(ColumnArrays changes, Runnable change) {
        changing(PROBLEMS_VERSIONS, changes, change);
    }

    /**
     * {@link #memberChanging} of many members at once: {@code changes}' column {@code id} names each member at
     * most once. The roll-ups only add up, so taking out and putting back all of them around all the changes
     * leaves what doing it member by member leaves.
     */
    void membersChanging(ColumnArrays changes, Runnable change) {
        changing(MEMBERS_VERSIONS, changes, change);
    }

    private void changing(String versions, ColumnArrays changes, Runnable change) {
        if (changes.isEmpty()) {
            change.run();
            return;
        }
        Object ids = changes.parameters()[changes.names().indexOf("id")];
        jdbc.sql(versions.formatted(-1)).params(ids, ids).update();
        change.run();
        jdbc.sql(versions.formatted(1)).params(ids, ids).update();
    }
}
