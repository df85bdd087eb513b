package org.jingzhun.rectification.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** The ledger written as CSV or XLSX by libraries that know those formats; no quoting or XML by hand. */
final class LedgerFormats {

    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** XLSX wants an application version of digits and dots. */
    private static final String APPLICATION_VERSION = "1.0";

    private LedgerFormats() {
    }

    /**
     * RFC 4180 CSV in UTF-8: the event position first as {@code #} comment lines ({@code # name: value}),
     * then the header row and one row per problem.
     */
    static void csv(Ledger ledger, LedgerTable table, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setCommentMarker('#')
                .setHeaderComments(table.position(ledger).entrySet().stream()
                        .map(entry -> entry.getKey() + ": " + entry.getValue()).toArray(Object[]::new))
                .setHeader(table.header().toArray(String[]::new))
                .get();
        CSVPrinter printer = new CSVPrinter(writer, format);
        for (Ledger.Row row : ledger.rows()) {
            printer.printRecord(table.cells(row));
        }
        printer.flush();
    }

    /** A workbook with the sheet 整改台账 (header row, one row per problem) and the sheet 生成依据 (the position). */
    static void xlsx(Ledger ledger, LedgerTable table, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Jingzhun", APPLICATION_VERSION);
        Worksheet sheet = workbook.newWorksheet("整改台账");
        List<String> header = table.header();
        for (int column = 0; column < header.size(); column++) {
            sheet.value(0, column, header.get(column));
        }
        sheet.range(0, 0, 0, header.size() - 1).style().bold().set();
        int r = 1;
        for (Ledger.Row row : ledger.rows()) {
            List<String> cells = table.cells(row);
            for (int column = 0; column < cells.size(); column++) {
                sheet.value(r, column, cells.get(column));
            }
            r++;
        }
        Worksheet position = workbook.newWorksheet("生成依据");
        int p = 0;
        for (Map.Entry<String, String> entry : table.position(ledger).entrySet()) {
            position.value(p, 0, entry.getKey());
            position.value(p, 1, entry.getValue());
            p++;
        }
        workbook.finish();
    }
}
