package org.jingzhun.rectification.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;
import org.dhatim.fastexcel.Workbook;
import org.jingzhun.platform.export.CellText;
import org.jingzhun.platform.export.ExportLanguage;
import org.jingzhun.platform.export.SheetTable;
import org.jingzhun.platform.export.SheetTable.Column;
import org.jingzhun.platform.export.SheetTable.Kind;

/** The ledger written as CSV or XLSX by libraries that know those formats; no quoting or XML by hand. */
final class LedgerFormats {

    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** XLSX wants an application version of digits and dots. */
    private static final String APPLICATION_VERSION = "1.0";
    /** Excel and WPS take a CSV file for the local ANSI code page (GBK here) unless it starts with this. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private LedgerFormats() {
    }

    /**
     * RFC 4180 CSV in UTF-8, every field quoted (OWASP's advice, with the apostrophe before a field that
     * looks like a formula): the header row, then one row per problem; nothing else, the generation details
     * go in HTTP headers. The clerk's version starts with a byte-order mark so that Excel and WPS read it
     * as UTF-8; the machines' version has none.
     */
    static void csv(Ledger ledger, LedgerTable table, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (table.language() == ExportLanguage.ZH) {
            writer.write(BYTE_ORDER_MARK);
        }
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setQuoteMode(QuoteMode.ALL)
                .setHeader(table.header().toArray(String[]::new))
                .get();
        CSVPrinter printer = new CSVPrinter(writer, format);
        int number = 1;
        for (Ledger.Row row : ledger.rows()) {
            List<String> cells = new ArrayList<>();
            for (String cell : table.text(number++, row)) {
                cells.add(CellText.forCsv(cell));
            }
            printer.printRecord(cells);
        }
        printer.flush();
    }

    /**
     * A workbook with the sheet of the rows (for the clerk under a title row; header frozen) and a sheet
     * of the position it was generated from.
     */
    static void xlsx(Ledger ledger, LedgerTable table, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Jingzhun", APPLICATION_VERSION);
        String title = table.title(ledger);
        if (title != null) {
            workbook.properties().setTitle(title);
        }
        SheetTable rows = SheetTable.start(workbook, table.sheetName(), title, table.sheetColumns());
        int number = 1;
        for (Ledger.Row row : ledger.rows()) {
            rows.row(table.values(number++, row));
        }
        rows.finish();
        SheetTable position = SheetTable.start(workbook, table.positionSheetName(), null, List.of(
                new Column(table.language().pick("项目", "name"), 22, Kind.TEXT),
                new Column(table.language().pick("内容", "value"), 40, Kind.TEXT)));
        for (Map.Entry<String, String> entry : table.position(ledger).entrySet()) {
            position.row(List.of(entry.getKey(), entry.getValue()));
        }
        position.finish();
        workbook.finish();
    }
}
