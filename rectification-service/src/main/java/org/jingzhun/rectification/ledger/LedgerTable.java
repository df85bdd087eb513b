package org.jingzhun.rectification.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jingzhun.contracts.Labels;
import org.jingzhun.platform.export.ExportLanguage;
import org.jingzhun.platform.export.SheetTable;
import org.jingzhun.platform.export.SheetTable.Kind;

/**
 * A ledger as a table, the same for CSV and XLSX, in one of two languages. {@link ExportLanguage#ZH} is the
 * 台账 a county clerk keeps: Chinese headers, organization names, the Chinese labels of the codes, dates in
 * the county's zone as date cells, a title stating the organization and the event position.
 * {@link ExportLanguage#EN} is for machines: the English column keys, ids and codes as the API spells them,
 * times as ISO-8601 text with offset.
 */
final class LedgerTable {

    /** A cell of a row: its number in the ledger (from 1) and the problem. */
    private interface Cell {
        Object of(int number, Ledger.Row row);
    }

    private record Column(SheetTable.Column sheet, Cell cell) {
    }

    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ExportLanguage language;
    private final ZoneId county;
    private final DateTimeFormatter iso;
    private final List<Column> columns = new ArrayList<>();

    LedgerTable(ExportLanguage language, ZoneId county) {
        this.language = language;
        this.county = county;
        this.iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(county);
        if (language == ExportLanguage.ZH) {
            clerkColumns();
        } else {
            machineColumns();
        }
    }

    private void clerkColumns() {
        column("序号", 6, Kind.NUMBER, (number, row) -> number);
        column("组织", 20, Kind.LONG_TEXT, (number, row) -> row.organizationName());
        column("问题描述", 40, Kind.LONG_TEXT, (number, row) -> row.description());
        column("问题来源", 12, Kind.TEXT, (number, row) -> Labels.zh(row.source()));
        column("聚焦方面", 16, Kind.LONG_TEXT, (number, row) -> Labels.zh(row.focusArea()));
        column("专项整治", 18, Kind.LONG_TEXT, (number, row) -> row.specialRectificationTitle());
        column("责任人", 12, Kind.TEXT, (number, row) -> row.owner());
        column("整改时限", 12, Kind.DATE, (number, row) -> date(row.deadline()));
        // One measure per line within the cell, each with its own due date.
        column("整改措施", 36, Kind.LONG_TEXT, (number, row) -> IntStream.range(0, row.measures().size())
                .mapToObj(i -> (i + 1) + ". " + row.measures().get(i).description()
                        + "（" + row.measures().get(i).due() + " 前）")
                .collect(Collectors.joining("\n")));
        column("状态", 10, Kind.TEXT, (number, row) -> Labels.zh(row.status()));
        column("是否逾期", 9, Kind.TEXT, (number, row) -> row.overdue() ? "是" : "否");
        column("整改完成时间", 19, Kind.DATE_TIME, (number, row) -> localDateTime(row.rectifiedAt()));
        column("整改情况", 30, Kind.LONG_TEXT, (number, row) -> row.evidence());
        column("佐证材料", 20, Kind.LONG_TEXT, (number, row) -> row.attachments().stream()
                .map(attachment -> attachment.name()).collect(Collectors.joining("\n")));
        column("销号人", 12, Kind.TEXT, (number, row) -> row.verifiedBy());
        column("登记时间", 19, Kind.DATE_TIME, (number, row) -> localDateTime(row.loggedAt()));
    }

    private void machineColumns() {
        column("problemId", 38, Kind.TEXT, (number, row) -> row.problemId());
        column("organizationId", 38, Kind.TEXT, (number, row) -> row.organizationId());
        column("organizationName", 20, Kind.TEXT, (number, row) -> row.organizationName());
        column("campaignId", 38, Kind.TEXT, (number, row) -> row.campaignId());
        column("focusArea", 20, Kind.TEXT, (number, row) -> row.focusArea().name());
        column("source", 20, Kind.TEXT, (number, row) -> row.source().name());
        column("specialRectificationId", 38, Kind.TEXT, (number, row) -> row.specialRectificationId());
        column("description", 40, Kind.LONG_TEXT, (number, row) -> row.description());
        column("owner", 12, Kind.TEXT, (number, row) -> row.owner());
        column("deadline", 26, Kind.TEXT, (number, row) -> iso(row.deadline()));
        column("status", 12, Kind.TEXT, (number, row) -> row.status().name());
        column("overdue", 8, Kind.TEXT, (number, row) -> Boolean.toString(row.overdue()));
        // One measure or attachment per line within the cell.
        column("measures", 36, Kind.LONG_TEXT, (number, row) -> row.measures().stream()
                .map(measure -> measure.due() + " " + measure.description()).collect(Collectors.joining("\n")));
        column("evidence", 30, Kind.LONG_TEXT, (number, row) -> row.evidence());
        column("attachments", 40, Kind.LONG_TEXT, (number, row) -> row.attachments().stream()
                .map(attachment -> attachment.name() + " sha256:" + attachment.sha256())
                .collect(Collectors.joining("\n")));
        column("verifiedBy", 12, Kind.TEXT, (number, row) -> row.verifiedBy());
        column("loggedAt", 26, Kind.TEXT, (number, row) -> iso(row.loggedAt()));
        column("sequence", 8, Kind.NUMBER, (number, row) -> row.sequence());
        column("lastEventAt", 26, Kind.TEXT, (number, row) -> iso(row.lastEventAt()));
        column("rectifiedAt", 26, Kind.TEXT, (number, row) -> iso(row.rectifiedAt()));
    }

    private void column(String header, double width, Kind kind, Cell cell) {
        columns.add(new Column(new SheetTable.Column(header, width, kind), cell));
    }

    ExportLanguage language() {
        return language;
    }

    List<SheetTable.Column> sheetColumns() {
        return columns.stream().map(Column::sheet).toList();
    }

    List<String> header() {
        return columns.stream().map(column -> column.sheet().header()).toList();
    }

    /** The typed values of a row (text, numbers, dates; null when absent), for XLSX. */
    List<Object> values(int number, Ledger.Row row) {
        List<Object> values = new ArrayList<>(columns.size());
        for (Column column : columns) {
            Object value = column.cell().of(number, row);
            values.add(value instanceof String text && text.isEmpty() ? null : value);
        }
        return values;
    }

    /** The same row as CSV text: dates as {@code yyyy-MM-dd}, date-times as {@code yyyy-MM-dd HH:mm:ss}. */
    List<String> text(int number, Ledger.Row row) {
        List<String> cells = new ArrayList<>(columns.size());
        for (Object value : values(number, row)) {
            cells.add(value == null ? "" : value instanceof LocalDateTime time ? LOCAL_DATE_TIME.format(time)
                    : value.toString());
        }
        return cells;
    }

    /** The sheet of the rows. */
    String sheetName() {
        return language.pick("整改台账", "ledger");
    }

    /** The sheet of the position. */
    String positionSheetName() {
        return language.pick("生成依据", "position");
    }

    /**
     * The title above the clerk's table: whose ledger, and the event position it shows (null for machines,
     * whose header stays on the first row).
     */
    String title(Ledger ledger) {
        if (language == ExportLanguage.EN) {
            return null;
        }
        String whose = ledger.organizationName() + (ledger.includeSubtree() ? "（含下级组织）" : "") + "整改台账";
        String position = ledger.lastEventAt() == null ? "暂无问题"
                : "数据截至 " + LOCAL_DATE_TIME.format(localDateTime(ledger.lastEventAt()))
                + "　问题 " + ledger.problems() + " 个　反映事件 " + ledger.events() + " 个";
        return whose + "　" + position;
    }

    /** The file name offered for download, without extension. */
    String fileName(Ledger ledger) {
        return language.pick("整改台账-" + ledger.organizationName(), "ledger-" + ledger.organizationId());
    }

    /**
     * What the ledger is of, and the event position it was generated from, as name and value; the
     * last-event time exactly as {@code asOf} takes it to generate the same ledger again.
     */
    Map<String, String> position(Ledger ledger) {
        Map<String, String> position = new LinkedHashMap<>();
        String lastEventAt = ledger.lastEventAt() == null ? "" : iso(ledger.lastEventAt());
        String campaign = ledger.campaignId() == null ? "" : ledger.campaignId();
        if (language == ExportLanguage.ZH) {
            position.put("台账", "整改台账");
            position.put("组织", ledger.organizationName());
            position.put("组织编号", ledger.organizationId());
            position.put("含下级组织", ledger.includeSubtree() ? "是" : "否");
            position.put("主题教育编号", campaign);
            position.put("最后事件时间（asOf）", lastEventAt);
            position.put("问题数", Integer.toString(ledger.problems()));
            position.put("事件数", Long.toString(ledger.events()));
            position.put("事件库位置", Long.toString(ledger.position()));
            position.put("事件链头根（Merkle）", ledger.chainRoot());
        } else {
            position.put("ledger", "整改台账");
            position.put("organizationId", ledger.organizationId());
            position.put("organizationName", ledger.organizationName());
            position.put("includeSubtree", Boolean.toString(ledger.includeSubtree()));
            position.put("campaignId", campaign);
            position.put("lastEventAt", lastEventAt);
            position.put("problems", Integer.toString(ledger.problems()));
            position.put("events", Long.toString(ledger.events()));
            position.put("position", Long.toString(ledger.position()));
            position.put("chainRoot", ledger.chainRoot());
        }
        return position;
    }

    /** A deadline is the end of a day in the county: the clerk's 整改时限 is that day. */
    private LocalDate date(Instant instant) {
        return instant == null ? null : instant.atZone(county).toLocalDate();
    }

    private LocalDateTime localDateTime(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, county).withNano(0);
    }

    private String iso(Instant instant) {
        return instant == null ? null : iso.format(instant);
    }
}
