package org.jingzhun.rectification.ledger;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A ledger as a table of text cells, the same for CSV and XLSX: the columns, one row per problem, and
 * the statement of the event position. Times are given in the county's zone.
 */
final class LedgerTable {

    private final DateTimeFormatter times;
    private final Map<String, Function<Ledger.Row, String>> columns = new LinkedHashMap<>();

    LedgerTable(ZoneId county) {
        this.times = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(county);
        columns.put("problemId", Ledger.Row::problemId);
        columns.put("organizationId", Ledger.Row::organizationId);
        columns.put("organizationName", Ledger.Row::organizationName);
        columns.put("campaignId", Ledger.Row::campaignId);
        columns.put("focusArea", row -> row.focusArea().name());
        columns.put("source", row -> row.source().name());
        columns.put("specialRectificationId", Ledger.Row::specialRectificationId);
        columns.put("description", Ledger.Row::description);
        columns.put("owner", Ledger.Row::owner);
        columns.put("deadline", row -> time(row.deadline()));
        columns.put("status", row -> row.status().name());
        columns.put("overdue", row -> Boolean.toString(row.overdue()));
        // One measure or attachment per line within the cell.
        columns.put("measures", row -> row.measures().stream()
                .map(measure -> measure.due() + " " + measure.description()).collect(Collectors.joining("\n")));
        columns.put("evidence", Ledger.Row::evidence);
        columns.put("attachments", row -> row.attachments().stream()
                .map(attachment -> attachment.name() + " sha256:" + attachment.sha256())
                .collect(Collectors.joining("\n")));
        columns.put("verifiedBy", Ledger.Row::verifiedBy);
        columns.put("loggedAt", row -> time(row.loggedAt()));
        columns.put("sequence", row -> Long.toString(row.sequence()));
        columns.put("lastEventAt", row -> time(row.lastEventAt()));
    }

    List<String> header() {
        return List.copyOf(columns.keySet());
    }

    /** The cells of a row; an absent value is an empty cell. */
    List<String> cells(Ledger.Row row) {
        List<String> cells = new ArrayList<>(columns.size());
        for (Function<Ledger.Row, String> column : columns.values()) {
            String value = column.apply(row);
            cells.add(value == null ? "" : value);
        }
        return cells;
    }

    /** What the ledger is of, and the event position it was generated from, as name and value. */
    Map<String, String> position(Ledger ledger) {
        Map<String, String> position = new LinkedHashMap<>();
        position.put("ledger", "整改台账");
        position.put("organizationId", ledger.organizationId());
        position.put("organizationName", ledger.organizationName());
        position.put("includeSubtree", Boolean.toString(ledger.includeSubtree()));
        position.put("campaignId", ledger.campaignId() == null ? "" : ledger.campaignId());
        position.put("lastEventAt", ledger.lastEventAt() == null ? "" : time(ledger.lastEventAt()));
        position.put("problems", Integer.toString(ledger.problems()));
        position.put("events", Long.toString(ledger.events()));
        return position;
    }

    private String time(Instant instant) {
        return instant == null ? null : times.format(instant);
    }
}
