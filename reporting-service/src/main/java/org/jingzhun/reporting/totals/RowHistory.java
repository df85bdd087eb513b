package org.jingzhun.reporting.totals;

import java.time.OffsetDateTime;
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
    }

    /** The live row {@code id} as it now is, valid from {@code at}. */
    void changed(JdbcClient jdbc, String id, OffsetDateTime at) {
        jdbc.sql(close).param("id", id).param("at", at).update();
        jdbc.sql(open).param("id", id).param("at", at).update();
    }
}
