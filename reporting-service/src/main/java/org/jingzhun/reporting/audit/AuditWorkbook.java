package org.jingzhun.reporting.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.Labels;
import org.jingzhun.contracts.audit.Checkpoint;
import org.jingzhun.platform.export.ExportLanguage;
import org.jingzhun.platform.export.SheetTable;
import org.jingzhun.platform.export.SheetTable.Column;
import org.jingzhun.platform.export.SheetTable.Kind;
import org.springframework.lang.Nullable;

/**
 * The audit trail as an XLSX workbook, one event per row, written while the cursor reads: for auditors
 * ({@link ExportLanguage#ZH}) the time as a date-time cell in the county's zone, the event type's Chinese
 * label and the organization's name first, the ids after; for machines ({@link ExportLanguage#EN}) the
 * NDJSON line's fields under their names. User text (the payload, the actor) lands in string cells,
 * never formulas. A sheet holds 1,048,576 rows: a longer trail goes on in a second sheet, and so on.
 */
final class AuditWorkbook {

    /** Rows kept in memory before they go out to the client. */
    private static final int FLUSH_EVERY = 1_000;
    private static final String APPLICATION_VERSION = "1.0";

    private final Workbook workbook;
    private final ExportLanguage language;
    private final ZoneId zone;
    private final DateTimeFormatter iso;
    private final List<Column> columns;
    @Nullable
    private final String title;
    private final int rowsPerSheet;
    private SheetTable sheet;
    private int sheets;

    AuditWorkbook(OutputStream out, ExportLanguage language, ZoneId zone, AuditQuery query,
                  @Nullable AuditExport.Snapshot snapshot, @Nullable String organizationName) {
        this(out, language, zone, query, snapshot, organizationName, Worksheet.MAX_ROWS - 2);
    }

    AuditWorkbook(OutputStream out, ExportLanguage language, ZoneId zone, AuditQuery query,
                  @Nullable String organizationName, int rowsPerSheet) {
        this(out, language, zone, query, null, organizationName, rowsPerSheet);
    }

    /**
     * With a snapshot, the workbook states the log position and checkpoint it shows: in the title row of
     * the clerk's sheets and, for both languages, in the document's description (File → Info).
     */
    AuditWorkbook(OutputStream out, ExportLanguage language, ZoneId zone, AuditQuery query,
                  @Nullable AuditExport.Snapshot snapshot, @Nullable String organizationName, int rowsPerSheet) {
        this.workbook = new Workbook(out, "Jingzhun", APPLICATION_VERSION);
        this.language = language;
        this.zone = zone;
        this.iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
        this.rowsPerSheet = rowsPerSheet;
        this.columns = language == ExportLanguage.ZH ? List.of(
                new Column("时间", 20, Kind.DATE_TIME),
                new Column("事件类型", 16, Kind.TEXT),
                new Column("组织", 22, Kind.LONG_TEXT),
                new Column("操作人", 14, Kind.TEXT),
                new Column("内容", 70, Kind.LONG_TEXT),
                new Column("事件编号", 38, Kind.TEXT),
                new Column("事件类型代码", 42, Kind.TEXT),
                new Column("对象编号", 38, Kind.TEXT),
                new Column("对象序号", 9, Kind.NUMBER),
                new Column("组织编号", 38, Kind.TEXT),
                new Column("主题教育编号", 38, Kind.TEXT),
                new Column("来源系统", 30, Kind.TEXT),
                new Column("来源事件编号", 38, Kind.TEXT))
                : List.of(
                new Column("time", 27, Kind.TEXT),
                new Column("type", 42, Kind.TEXT),
                new Column("organizationId", 38, Kind.TEXT),
                new Column("organizationName", 22, Kind.TEXT),
                new Column("actor", 14, Kind.TEXT),
                new Column("event", 70, Kind.LONG_TEXT),
                new Column("id", 38, Kind.TEXT),
                new Column("subject", 38, Kind.TEXT),
                new Column("sequence", 9, Kind.NUMBER),
                new Column("campaignId", 38, Kind.TEXT),
                new Column("causationSource", 30, Kind.TEXT),
                new Column("causationId", 38, Kind.TEXT));
        this.title = language == ExportLanguage.ZH ? title(query, snapshot, organizationName) : null;
        if (title != null) {
            workbook.properties().setTitle(title);
        }
        if (snapshot != null) {
            workbook.properties().setDescription(description(snapshot));
        }
        this.sheet = nextSheet();
    }

    /** Writes the cursor's current row (columns of {@link AuditExport}, by name). */
    void write(ResultSet rs) throws SQLException, IOException {
        if (sheet.rows() >= rowsPerSheet) {
            sheet.finish();
            sheet = nextSheet();
        }
        OffsetDateTime time = rs.getObject("recorded_at", OffsetDateTime.class);
        String type = rs.getString("type");
        long sequence = rs.getLong("sequence_no");
        // -1: the record carried no sequence number.
        Long shownSequence = sequence < 0 ? null : sequence;
        if (language == ExportLanguage.ZH) {
            sheet.row(Arrays.asList(time.atZoneSameInstant(zone).toLocalDateTime(), label(type),
                    rs.getString("organization_name"), rs.getString("actor"), rs.getString("payload"),
                    rs.getString("event_id"), type, rs.getString("subject"), shownSequence,
                    rs.getString("organization_id"), rs.getString("campaign_id"), rs.getString("causation_source"),
                    rs.getString("causation_id")));
        } else {
            sheet.row(Arrays.asList(iso.format(time), type, rs.getString("organization_id"),
                    rs.getString("organization_name"), rs.getString("actor"), rs.getString("payload"),
                    rs.getString("event_id"), rs.getString("subject"), shownSequence, rs.getString("campaign_id"),
                    rs.getString("causation_source"), rs.getString("causation_id")));
        }
        if (sheet.rows() % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    /** Ends the last sheet and the workbook. */
    void finish() throws IOException {
        sheet.finish();
        workbook.finish();
    }

    private SheetTable nextSheet() {
        sheets++;
        String name = language.pick("审计事件", "events") + (sheets == 1 ? "" : " (" + sheets + ")");
        return SheetTable.start(workbook, name, title, columns);
    }

    private static String label(String cloudEventType) {
        return EventCatalog.byCloudEventType(cloudEventType).map(EventType::name).map(Labels::zhEvent)
                .orElse(cloudEventType);
    }

    /** What the export holds, as the auditor asked for it. */
    /** {@code position=P checkpoint=C root=R}: how to ask for this export again and check it. */
    static String description(AuditExport.Snapshot snapshot) {
        Checkpoint c = snapshot.checkpoint();
        return "position=" + snapshot.position() + (c == null ? " checkpoint=none"
                : " checkpoint=" + c.position() + " root=" + c.root());
    }

    private String title(AuditQuery query, @Nullable AuditExport.Snapshot snapshot, @Nullable String organizationName) {
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        List<String> parts = new ArrayList<>();
        parts.add("审计事件记录");
        if (query.organizationId() != null) {
            parts.add("组织：" + (organizationName != null ? organizationName : query.organizationId()));
        }
        if (!query.types().isEmpty()) {
            parts.add("事件类型：" + String.join("、", query.types().stream().map(AuditWorkbook::label).distinct()
                    .toList()));
        }
        if (query.from() != null || query.to() != null) {
            parts.add("时间：" + (query.from() == null ? "最早" : local.format(query.from())) + " 至 "
                    + (query.to() == null ? "最新" : local.format(query.to())));
        }
        if (snapshot != null) {
            parts.add("日志位置：" + snapshot.position());
            parts.add("签名检查点：" + (snapshot.checkpoint() == null ? "暂无"
                    : snapshot.checkpoint().position() + "（根 " + snapshot.checkpoint().root() + "）"));
        }
        return String.join("　", parts);
    }
}
