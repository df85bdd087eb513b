package org.jingzhun.reporting.readmodel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.lang.Nullable;

/**
 * Which rows of the read model an answer counts: the live tables, or the rows as they stood at an instant
 * of recorded time (the events' {@code ce_time}). Each method gives a relation for a query's {@code FROM}
 * with the alias asked for, so that one query answers now and as of any instant by the same rules:
 * <ul>
 *   <li>facts (visits, study, notes, research, checklist completions, special rectifications, campaigns,
 *       plans): the rows recorded up to the instant;</li>
 *   <li>rows that change (organizations, members, problems): the version of each valid at the instant, from
 *       its {@code *_history} table, which the projection keeps beside the live table (V2_70).</li>
 * </ul>
 * The instant is written into the SQL as a literal (it is a parsed date-time, never text from a request),
 * so callers need no extra parameter. Precision: microseconds, as PostgreSQL stores times; an instant
 * between two microseconds stands for the one before it.
 */
public final class AsOf {

    private static final AsOf LIVE = new AsOf(null);
    /** PostgreSQL's timestamps end in 294276; instants of years past 9999 (or before 1) read as these bounds. */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    @Nullable
    private final Instant instant;

    private AsOf(@Nullable Instant instant) {
        this.instant = instant;
    }

    /** The live tables: everything projected so far. */
    public static AsOf live() {
        return LIVE;
    }

    /** The rows as they stood at {@code instant}; live when null. */
    public static AsOf at(@Nullable OffsetDateTime instant) {
        if (instant == null) {
            return LIVE;
        }
        Instant at = instant.toInstant().truncatedTo(ChronoUnit.MICROS);
        return new AsOf(at.isBefore(FIRST) ? FIRST : at.isAfter(LAST) ? LAST : at);
    }

    public boolean isLive() {
        return instant == null;
    }

    /** The instant, when not live. */
    public Optional<Instant> instant() {
        return Optional.ofNullable(instant);
    }

    /** The instant as a SQL literal ({@code TIMESTAMPTZ '…Z'}), 'infinity' when live. */
    public String literal() {
        return "TIMESTAMPTZ '" + (instant == null ? "infinity" : instant.toString()) + "'";
    }

    /** {@code organization}: organization_id, name, tier, sector, parent_id, dissolved. */
    public String organization(String alias) {
        return versioned("organization", "organization_id, name, tier, sector, parent_id, dissolved", alias);
    }

    /** {@code member}: member_id, organization_id, field, occupation, status, active. */
    public String member(String alias) {
        return versioned("member", "member_id, organization_id, field, occupation, status, active", alias);
    }

    /** {@code problem}: every column of the live table. */
    public String problem(String alias) {
        return versioned("problem", "problem_id, organization_id, campaign_id, status, source, focus_area,"
                + " special_rectification_id, deadline, overdue", alias);
    }

    /**
     * A table of facts ({@code honor_room_visit}, {@code study_session}, {@code study_day}, {@code study_note},
     * {@code research}, {@code checklist_completion}, {@code special_rectification}, {@code campaign},
     * {@code guidance_plan}): the rows recorded up to the instant.
     */
    public String facts(String table, String alias) {
        if (instant == null) {
            return table + " " + alias;
        }
        return "(SELECT * FROM " + table + " WHERE recorded_at <= " + literal() + ") " + alias;
    }

    private String versioned(String table, String columns, String alias) {
        if (instant == null) {
            return table + " " + alias;
        }
        return "(SELECT " + columns + " FROM " + table + "_history WHERE valid_from <= " + literal()
                + " AND valid_to > " + literal() + ") " + alias;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AsOf that && java.util.Objects.equals(instant, that.instant);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(instant);
    }

    @Override
    public String toString() {
        return instant == null ? "live" : "as of " + instant;
    }
}
