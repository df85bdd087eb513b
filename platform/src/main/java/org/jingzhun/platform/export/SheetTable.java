package org.jingzhun.platform.export;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.dhatim.fastexcel.BorderStyle;
import org.dhatim.fastexcel.PaperSize;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.lang.Nullable;

/**
 * One table on its own worksheet, written row by row: an optional title row across the table, a bold
 * header row on a tinted background with filter buttons, the column widths, the panes frozen below the
 * header (it stays in view while scrolling, and is repeated on every printed page), then the data. Cells take their type
 * from the value: text is always a string cell (never a formula, see {@link CellText}), numbers are
 * numbers, a {@link LocalDate} or {@link LocalDateTime} a real date cell with a date format, so that
 * sorting and filtering by date work.
 *
 * <p>Rows can be {@linkplain #flush() flushed} to the output as they are written; after that they can no
 * longer be changed. Text goes in inline strings rather than the workbook's shared-string table, which
 * a long export would otherwise grow in memory until the end.
 */
public final class SheetTable {

    /** How a column's cells look. */
    public enum Kind {
        /** Text on one line. */
        TEXT,
        /** Text that wraps within the column width (descriptions, several lines). */
        LONG_TEXT,
        /** Numbers, right-aligned. */
        NUMBER,
        /** Dates: {@code yyyy-mm-dd}. */
        DATE,
        /** Date-times: {@code yyyy-mm-dd hh:mm:ss}. */
        DATE_TIME
    }

    /**
     * A column: its header text, its width in characters of the default font (a Chinese character takes
     * about two) and its kind.
     */
    public record Column(String header, double width, Kind kind) {
    }

    public static final String DATE_FORMAT = "yyyy-mm-dd";
    public static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final String HEADER_FILL = "DDEBF7";

    private final Worksheet sheet;
    private final List<Column> columns;
    private final int firstDataRow;
    private int next;

    private SheetTable(Worksheet sheet, List<Column> columns, int firstDataRow) {
        this.sheet = sheet;
        this.columns = List.copyOf(columns);
        this.firstDataRow = firstDataRow;
        this.next = firstDataRow;
    }

    /** Starts a table on a new worksheet named {@code sheetName}; no title row when {@code title} is null. */
    public static SheetTable start(Workbook workbook, String sheetName, @Nullable String title, List<Column> columns) {
        Worksheet sheet = workbook.newWorksheet(sheetName);
        int last = columns.size() - 1;
        int headerRow = 0;
        if (title != null) {
            sheet.inlineString(0, 0, CellText.forXlsx(title));
            sheet.range(0, 0, 0, last).style().bold().fontSize(14).verticalAlignment("center").merge().set();
            sheet.rowHeight(0, 28);
            headerRow = 1;
        }
        for (int column = 0; column <= last; column++) {
            sheet.inlineString(headerRow, column, columns.get(column).header());
            sheet.width(column, columns.get(column).width());
        }
        sheet.range(headerRow, 0, headerRow, last).style().bold().fillColor(HEADER_FILL)
                .borderStyle(BorderStyle.THIN).horizontalAlignment("center").verticalAlignment("center")
                .wrapText(true).set();
        sheet.freezePane(0, headerRow + 1);
        sheet.repeatRows(headerRow);
        // Printed on A4 landscape, every column on the page's width, as many pages down as it takes.
        sheet.paperSize(PaperSize.A4_PAPER);
        sheet.pageOrientation("landscape");
        sheet.setFitToPage(true);
        sheet.fitToWidth((short) 1);
        sheet.fitToHeight((short) 0);
        return new SheetTable(sheet, columns, headerRow + 1);
    }

    /** Writes the next row, one value per column; null is an empty cell. */
    public void row(List<?> values) {
        if (values.size() != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values, got " + values.size());
        }
        int r = next++;
        for (int c = 0; c < values.size(); c++) {
            cell(r, c, values.get(c), columns.get(c).kind());
        }
    }

    private void cell(int r, int c, @Nullable Object value, Kind kind) {
        if (value == null) {
            return;
        }
        if (value instanceof LocalDateTime time) {
            sheet.value(r, c, time);
            sheet.style(r, c).format(DATE_TIME_FORMAT).verticalAlignment("top").set();
        } else if (value instanceof LocalDate date) {
            sheet.value(r, c, date);
            sheet.style(r, c).format(DATE_FORMAT).verticalAlignment("top").set();
        } else if (value instanceof Number number) {
            sheet.value(r, c, number);
            sheet.style(r, c).verticalAlignment("top").set();
        } else {
            // A string cell whatever the text: a leading '=' stays text, it is never written as a formula.
            sheet.inlineString(r, c, CellText.forXlsx(value.toString()));
            sheet.style(r, c).verticalAlignment("top").wrapText(kind == Kind.LONG_TEXT).set();
        }
    }

    /** Data rows written so far. */
    public int rows() {
        return next - firstDataRow;
    }

    /** Writes the rows so far to the output and forgets them. */
    public void flush() throws IOException {
        sheet.flush();
    }

    /**
     * Puts filter buttons on the header over every row written, then writes the rest of the sheet; the
     * workbook can then start another one.
     */
    public void finish() throws IOException {
        if (rows() > 0) {
            sheet.setAutoFilter(firstDataRow - 1, 0, next - 1, columns.size() - 1);
        }
        sheet.finish();
    }
}
