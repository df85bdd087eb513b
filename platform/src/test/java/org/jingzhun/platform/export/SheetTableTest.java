package org.jingzhun.platform.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dhatim.fastexcel.Workbook;
import org.jingzhun.platform.export.SheetTable.Column;
import org.jingzhun.platform.export.SheetTable.Kind;
import org.junit.jupiter.api.Test;

/** A table written by {@link SheetTable} and opened again with Apache POI, as a spreadsheet program would. */
class SheetTableTest {

    private static final List<Column> COLUMNS = List.of(new Column("序号", 6, Kind.NUMBER),
            new Column("问题描述", 40, Kind.LONG_TEXT), new Column("整改时限", 12, Kind.DATE),
            new Column("登记时间", 20, Kind.DATE_TIME));

    @Test
    void writesATitleAFrozenStyledHeaderAndTypedCells() throws IOException {
        try (XSSFWorkbook workbook = read(out -> {
            SheetTable table = SheetTable.start(out, "整改台账", "兴隆镇党委 整改台账", COLUMNS);
            table.row(Arrays.asList(1, "=HYPERLINK(\"http://evil\",\"点此\")", LocalDate.of(2019, 10, 31),
                    LocalDateTime.of(2019, 9, 27, 21, 12)));
            table.row(Arrays.asList(2, "第二行", null, null));
            table.flush();
            table.finish();
        })) {
            XSSFSheet sheet = workbook.getSheet("整改台账");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("兴隆镇党委 整改台账");
            assertThat(sheet.getMergedRegions()).anySatisfy(region -> {
                assertThat(region.getFirstRow()).isZero();
                assertThat(region.getLastColumn()).isEqualTo(3);
            });
            XSSFRow header = sheet.getRow(1);
            assertThat(header.getCell(1).getStringCellValue()).isEqualTo("问题描述");
            assertThat(workbook.getFontAt(header.getCell(1).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A2:D4");
            assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getFitHeight()).isZero();
            assertThat(sheet.getColumnWidth(1)).isGreaterThan(sheet.getColumnWidth(0) * 4);

            XSSFRow first = sheet.getRow(2);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1);
            XSSFCell formula = first.getCell(1);
            assertThat(formula.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formula.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\",\"点此\")");
            assertThat(formula.getCellStyle().getWrapText()).isTrue();
            XSSFCell deadline = first.getCell(2);
            assertThat(DateUtil.isCellDateFormatted(deadline)).isTrue();
            assertThat(deadline.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2019, 10, 31));
            assertThat(deadline.getCellStyle().getDataFormatString()).isEqualTo(SheetTable.DATE_FORMAT);
            assertThat(first.getCell(3).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2019, 9, 27, 21, 12));
            assertThat(sheet.getRow(3).getCell(2)).isNull();
        }
    }

    @Test
    void startsWithTheHeaderWhenThereIsNoTitle() throws IOException {
        try (XSSFWorkbook workbook = read(out -> SheetTable.start(out, "events", null, COLUMNS).finish())) {
            Sheet sheet = workbook.getSheet("events");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("序号");
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
        }
    }

    private interface Writing {
        void into(Workbook workbook) throws IOException;
    }

    private static XSSFWorkbook read(Writing writing) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(bytes, "Jingzhun", "1.0");
        writing.into(workbook);
        workbook.finish();
        return new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
