package org.jingzhun.reporting.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jingzhun.platform.export.ExportLanguage;
import org.junit.jupiter.api.Test;

/** The workbook alone, fed rows as the cursor would hand them. */
class AuditWorkbookTest {

    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");

    @Test
    void goesOnInANewSheetWhenOneIsFullRepeatingTitleAndHeader() throws Exception {
        AuditQuery query = AuditQuery.parse("org-1", "ProblemLogged", "2019-09-27T00:00:00+08:00", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditWorkbook workbook = new AuditWorkbook(out, ExportLanguage.ZH, COUNTY, query, "兴隆镇党委", 2);
        for (int i = 0; i < 5; i++) {
            workbook.write(row(i));
        }
        workbook.finish();

        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(read.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(read.getSheetName(0), read.getSheetName(1), read.getSheetName(2)))
                    .containsExactly("审计事件", "审计事件 (2)", "审计事件 (3)");
            DataFormatter shown = new DataFormatter();
            Sheet second = read.getSheetAt(1);
            assertThat(shown.formatCellValue(second.getRow(0).getCell(0)))
                    .isEqualTo("审计事件记录　组织：兴隆镇党委　事件类型：查找问题　时间：2019-09-27 00:00:00 至 最新");
            assertThat(shown.formatCellValue(second.getRow(1).getCell(0))).isEqualTo("时间");
            assertThat(shown.formatCellValue(second.getRow(2).getCell(5))).isEqualTo("event-2");
            assertThat(read.getSheetAt(2).getLastRowNum()).isEqualTo(2);
        }
    }

    /** A cursor row with the columns {@link AuditExport} selects, by name. */
    private static ResultSet row(int i) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("event_id", "event-" + i);
        columns.put("type", "jingzhun.rectification.ProblemLogged.v1");
        columns.put("recorded_at", OffsetDateTime.parse("2019-09-27T21:12:00+08:00").plusMinutes(i));
        columns.put("actor", "admin");
        columns.put("subject", "problem-" + i);
        columns.put("sequence_no", 0L);
        columns.put("organization_id", "org-1");
        columns.put("campaign_id", "campaign-1");
        columns.put("payload", "{\"description\": \"=1+1\"}");
        columns.put("organization_name", "兴隆镇党委");
        return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getString", "getObject" -> columns.get((String) args[0]);
                    case "getLong" -> (Long) columns.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
