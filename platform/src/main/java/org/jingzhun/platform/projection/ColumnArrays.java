package org.jingzhun.platform.projection;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows for one set-based statement: each column's values travel as one {@code text[]} parameter and
 * {@code unnest} turns them back into rows, so that a batch of rows costs one round trip instead of one
 * per row. Values are sent as text ({@code String.valueOf}, times as {@link IsoTimes#text}; null stays null) and
 * cast by the statement, e.g.
 * {@code SELECT id, CAST(day AS DATE) FROM <unnest()>}; rows keep the order they were added in.
 */
public final class ColumnArrays {

    private final List<String> names;
    private final List<List<String>> values = new ArrayList<>();

    /** @param names the columns' names in the {@code unnest} alias, in the order of {@link #add} */
    public ColumnArrays(String... names) {
        this.names = List.of(names);
        for (int i = 0; i < names.length; i++) {
            values.add(new ArrayList<>());
        }
    }

    /** Adds a row: one value per column, in the order of the names. */
    public ColumnArrays add(Object... row) {
        if (row.length != names.size()) {
            throw new IllegalArgumentException("Expected " + names.size() + " values, got " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            values.get(i).add(value == null ? null
                    : value instanceof OffsetDateTime time ? IsoTimes.text(time) : String.valueOf(value));
        }
        return this;
    }

    /** The columns' names, in order. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return values.get(0).size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** {@code unnest(CAST(? AS TEXT[]), ...) AS <alias>(<names>)}, to use in a FROM clause. */
    public String unnest(String alias) {
        StringBuilder sql = new StringBuilder("unnest(");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("CAST(? AS TEXT[])");
        }
        return sql.append(") AS ").append(alias).append(" (").append(String.join(", ", names)).append(")").toString();
    }

    /** The parameters of {@link #unnest}: one array per column. */
    public Object[] parameters() {
        return values.stream().map(column -> column.toArray(String[]::new)).toArray();
    }
}
