package org.jingzhun.reporting.totals;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jingzhun.platform.projection.ColumnArrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the roll-ups {@code totals_hourly} (V2_95, V2_97) and {@code totals_by_second} (V2_98): per campaign and
 * hour, and per campaign and second, of recorded time, the study notes, study sessions, study days and research
 * by kind recorded within it, the honor-room visitors by organization, and the members' and problems' changes.
 * The hours bound what an answer as of an instant reads before the instant's hour, the seconds what it reads
 * within that hour ({@link RolledUpCounts}). The only writer of the roll-ups: the row handlers call it in the
 * projector's transaction, for a fact only when it was new, so a second copy of an event counts nothing; each
 * write adds to both sizes in one statement. A replay's load leaves them out ({@link #defer}) and fills them from
 * the rows they count at its end ({@link #fillFromRows}).
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

    /** The second of recorded time a time falls in. */
    static String secondOf(String time) {
        return "date_bin('1 second', " + time + ", TIMESTAMPTZ '2000-01-01 00:00:00+00')";
    }

    /**
     * Common table expressions {@code <name>_rows}, {@code <name>_hourly} and {@code <name>_seconds} that add
     * {@code rows} — a query of (campaign_id, measure, grp, t, amount) — to the roll-ups of t's hour and of t's
     * second: one row per campaign, measure, group and bin, so each roll-up is added to once.
     */
    static String rollUps(String name, String rows) {
        return """
                %1$s_rows AS (%2$s),
                %1$s_hourly AS (
                    INSERT INTO totals_hourly (campaign_id, measure, grp, hour, amount)
                    SELECT campaign_id, measure, grp, %3$s, sum(amount) FROM %1$s_rows GROUP BY 1, 2, 3, 4
                    ON CONFLICT (campaign_id, measure, grp, hour)
                    DO UPDATE SET amount = totals_hourly.amount + EXCLUDED.amount),
                %1$s_seconds AS (
                    INSERT INTO totals_by_second (campaign_id, measure, grp, second, amount)
                    SELECT campaign_id, measure, grp, %4$s, sum(amount) FROM %1$s_rows GROUP BY 1, 2, 3, 4
                    ON CONFLICT (campaign_id, measure, grp, second)
                    DO UPDATE SET amount = totals_by_second.amount + EXCLUDED.amount)"""
                .formatted(name, rows, hourOf("t"), secondOf("t"));
    }

    /** {@link #rollUps} as a statement of its own (a query: it returns how many rows it rolled up). */
    private static String rollUpStatement(String rows) {
        return "WITH " + rollUps("r", rows) + " SELECT count(*) FROM r_rows";
    }

    private static final String ADD = rollUpStatement("SELECT CAST(? AS VARCHAR) AS campaign_id,"
            + " CAST(? AS VARCHAR) AS measure, CAST(? AS TEXT) AS grp, CAST(? AS TIMESTAMPTZ) AS t,"
            + " CAST(? AS NUMERIC) AS amount");

    /** Where the statements for many rows take the sign (-1: taking out, 1: putting back). */
    private static final String SIGN = "$sign$";

    /** Each active version of the member: +1 when it begins, -1 when it ends; times :sign. */
    private static final String MEMBER_VERSIONS = memberVersions(":sign", "member_id = :id");

    /** {@link #MEMBER_VERSIONS} of the members whose ids the statement's one {@code text[]} parameter holds. */
    private static final String MEMBERS_VERSIONS = memberVersions(SIGN,
            "member_id IN (SELECT unnest(CAST(? AS TEXT[])))");

    private static String memberVersions(String sign, String members) {
        return rollUpStatement(memberVersionRows(sign, members));
    }

    /** The rows (see {@link #rollUps}) of the member versions {@code members} selects, times {@code sign}. */
    private static String memberVersionRows(String sign, String members) {
        return """
                SELECT '' AS campaign_id, 'members' AS measure, field || ' ' || occupation || ' ' || status AS grp,
                       valid_from AS t, CAST(%1$s AS INTEGER) AS amount
                FROM member_history WHERE %2$s AND active
                UNION ALL
                SELECT '', 'members', field || ' ' || occupation || ' ' || status, valid_to, -1 * CAST(%1$s AS INTEGER)
                FROM member_history WHERE %2$s AND active AND valid_to <> 'infinity'"""
                .formatted(sign, members);
    }

    /** Each version of the problem: +1 when it begins, -1 when it ends; times :sign. */
    private static final String PROBLEM_VERSIONS = problemVersions(":sign", "problem_id = :id");

    /** {@link #PROBLEM_VERSIONS} of the problems whose ids the statement's one {@code text[]} parameter holds. */
    private static final String PROBLEMS_VERSIONS = problemVersions(SIGN,
            "problem_id IN (SELECT unnest(CAST(? AS TEXT[])))");

    private static String problemVersions(String sign, String problems) {
        return rollUpStatement(problemVersionRows(sign, problems));
    }

    /** The rows (see {@link #rollUps}) of the problem versions {@code problems} selects, times {@code sign}. */
    private static String problemVersionRows(String sign, String problems) {
        return """
                SELECT campaign_id, 'problems' AS measure, %3$s AS grp, valid_from AS t, CAST(%1$s AS INTEGER) AS amount
                FROM problem_history WHERE %2$s
                UNION ALL
                SELECT campaign_id, 'problems', %3$s, valid_to, -1 * CAST(%1$s AS INTEGER)
                FROM problem_history WHERE %2$s AND valid_to <> 'infinity'"""
                .formatted(sign, problems, PROBLEM_GROUP);
    }

    /**
     * Every row the roll-ups count, from the tables alone: what the writes below add up fact by fact and change by
     * change (and what V2_95, V2_97 and V2_98 filled older databases with).
     */
    private static final String ALL_ROWS = """
            SELECT campaign_id, 'study_notes' AS measure, CAST('' AS TEXT) AS grp, recorded_at AS t,
                   CAST(1 AS NUMERIC) AS amount FROM study_note
            UNION ALL SELECT campaign_id, 'study_sessions', '', recorded_at, 1 FROM study_session
            UNION ALL SELECT campaign_id, 'study_days', '', recorded_at, days FROM study_session
            UNION ALL SELECT campaign_id, 'research', kind, recorded_at, 1 FROM research
            UNION ALL SELECT campaign_id, 'honor_room', organization_id, recorded_at, visitors FROM honor_room_visit
            UNION ALL
            """ + memberVersionRows("1", "TRUE") + "\nUNION ALL\n" + problemVersionRows("1", "TRUE");

    private static final String FILL = rollUpStatement(ALL_ROWS);

    /**
     * The roll-ups of the facts a set-based insert made ({@link FactBatch}), as common table expressions (see
     * {@link #rollUps}, each after a comma) of a statement whose {@code fresh} is that insert's {@code RETURNING
     * campaign_id, recorded_at} (and the columns {@code group} and {@code amount} read). {@code group} is a column
     * of {@code fresh} or {@code ''}; {@code amount} is what one row adds ({@code 1}, or a column). None while the
     * roll-ups are {@linkplain #defer() deferred}.
     */
    String addFresh(String measure, String group, String amount) {
        if (deferred) {
            return "";
        }
        return ", " + rollUps(measure, "SELECT campaign_id, '%s' AS measure, %s AS grp, recorded_at AS t, %s AS amount FROM fresh"
                .formatted(measure, group, amount));
    }

    private final JdbcClient jdbc;
    /** Whether the writes leave the roll-ups alone, for {@link #fillFromRows} to fill them at once later. */
    private boolean deferred;

    HourlyRollUps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * From now on the writes leave the roll-ups out, until {@link #fillFromRows}: for a replay's load into empty
     * tables, where one set-based pass over the rows costs far less than adding to the roll-ups batch by batch.
     */
    void defer() {
        deferred = true;
    }

    /**
     * Fills the roll-ups from the rows they count, in one statement (after emptying them), and keeps them up to
     * date write by write from now on.
     */
    void fillFromRows() {
        jdbc.sql("DELETE FROM totals_hourly").update();
        jdbc.sql("DELETE FROM totals_by_second").update();
        jdbc.sql(FILL).query(Long.class).single();
        deferred = false;
    }

    /** A new fact of {@code measure} (and {@code group}, or "") recorded at {@code at}, adding {@code amount}. */
    void counted(String campaignId, String measure, String group, OffsetDateTime at, BigDecimal amount) {
        if (deferred) {
            return;
        }
        jdbc.sql(ADD).params(campaignId, measure, group, at, amount).query(Long.class).single();
    }

    /**
     * Around a change of the member's history: its versions' part is taken out before and put back after,
     * whatever the change did to them (a version closed, opened or replaced).
     */
    void memberChanging(String memberId, Runnable change) {
        changing(MEMBER_VERSIONS, memberId, change);
    }

    /**
     * The live problem row as it now is becomes its version from {@code at} ({@link RowHistory#PROBLEM}), with
     * its versions' part of the roll-ups taken out before and put back after, as {@link #memberChanging}.
     */
    void problemChanged(String problemId, OffsetDateTime at) {
        changing(PROBLEM_VERSIONS, problemId, () -> RowHistory.PROBLEM.changed(jdbc, problemId, at));
    }

    /** {@code versions}' part of the roll-ups of the row {@code id} taken out around {@code change}, then put back. */
    private void changing(String versions, String id, Runnable change) {
        if (deferred) {
            change.run();
            return;
        }
        jdbc.sql(versions).param("sign", -1).param("id", id).query(Long.class).single();
        change.run();
        jdbc.sql(versions).param("sign", 1).param("id", id).query(Long.class).single();
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
        if (changes.isEmpty() || deferred) {
            change.run();
            return;
        }
        Object ids = changes.parameters()[changes.names().indexOf("id")];
        jdbc.sql(versions.replace(SIGN, "-1")).params(ids, ids).query(Long.class).single();
        change.run();
        jdbc.sql(versions.replace(SIGN, "1")).params(ids, ids).query(Long.class).single();
    }
}
