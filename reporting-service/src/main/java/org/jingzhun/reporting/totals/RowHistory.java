package org.jingzhun.reporting.totals;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jingzhun.platform.projection.ColumnArrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keeps the history of a changing table ({@code organization}, {@code member}, {@code problem}) in its
 * {@code *_history} table (V2_70): after a handler changed a live row, the row as it now is becomes the
 * version valid from the event's recorded time, and the version before it ends there. Several changes at
 * one instant leave one version, the last; a change recorded before the current version began (events
 * of one aggregate share a partition, so only a late copy) is taken as made when that version began.
 */
final class RowHistory {

    static final RowHistory ORGANIZATION = new RowHistory("organization", "organization_id",
            "name, tier, sector, parent_id, dissolved");
    static final RowHistory MEMBER = new RowHistory("member", "member_id",
            "organization_id, field, occupation, status, active");
    static final RowHistory PROBLEM = new RowHistory("problem", "problem_id",
            "organization_id, campaign_id, status, source, focus_area, special_rectification_id, deadline, overdue");

    private final String close;
    private final String open;
    private final String closeAll;
    private final String openAll;

    private RowHistory(String table, String id, String columns) {
        String history = table + "_history";
        this.close = "UPDATE " + history + " SET valid_to = :at WHERE " + id + " = :id AND valid_to = 'infinity'"
                + " AND valid_from < :at";
        StringBuilder update = new StringBuilder();
        for (String column : columns.split(",\\s*")) {
            update.append(column).append(" = EXCLUDED.").append(column).append(", ");
        }
        this.open = "INSERT INTO " + history + " (" + id + ", " + columns + ", valid_from)"
                + " SELECT " + id + ", " + columns + ", GREATEST(CAST(:at AS TIMESTAMPTZ),"
                + " (SELECT max(valid_from) FROM " + history + " WHERE " + id + " = :id))"
                + " FROM " + table + " WHERE " + id + " = :id"
                + " ON CONFLICT (" + id + ", valid_from) DO UPDATE SET " + update + "valid_to = 'infinity'";
        // The same for many rows at once (%s: the unnest of their ids and times, each id once).
        String at = "CAST(v.at AS TIMESTAMPTZ)";
        this.closeAll = "UPDATE " + history + " AS h SET valid_to = " + at + " FROM %s WHERE h." + id + " = v.id"
                + " AND h.valid_to = 'infinity' AND h.valid_from < " + at;
        this.openAll = "INSERT INTO " + history + " (" + id + ", " + columns + ", valid_from)"
                + " SELECT t." + id + ", " + Arrays.stream(columns.split(",\\s*")).map(c -> "t." + c)
                .collect(Collectors.joining(", "))
                + ", GREATEST(" + at + ", (SELECT max(valid_from) FROM " + history + " AS h WHERE h." + id + " = v.id))"
                + " FROM %s JOIN " + table + " AS t ON t." + id + " = v.id"
                + " ON CONFLICT (" + id + ", valid_from) DO UPDATE SET " + update + "valid_to = 'infinity'";
    }

    /** The live row {@code id} as it now is, valid from {@code at}. */
    void changed(JdbcClient jdbc, String id, OffsetDateTime at) {
        jdbc.sql(close).param("id", id).param("at", at).update();
        jdbc.sql(open).param("id", id).param("at", at).update();
    }

    /**
     * {@link #changed(JdbcClient, String, OffsetDateTime)} of many rows in two statements: {@code changes} has the
     * columns {@code id} and {@code at}, and names each row at most once.
     */
    void changed(JdbcClient jdbc, ColumnArrays changes) {
        if (changes.isEmpty()) {
            return;
        }
        jdbc.sql(closeAll.formatted(changes.unnest("v"))).params(changes.parameters()).update();
        jdbc.sql(openAll.formatted(changes.unnest("v"))).params(changes.parameters()).update();
    }
}
