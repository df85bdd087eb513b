package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail as an XLSX workbook for auditors, read back with Apache POI as a spreadsheet program
 * reads it: records produced in the contract's wire format into a real Kafka broker, projected, exported.
 */
class AuditWorkbookIntegrationTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"点此\")";
    private static final List<String> AUDITOR_HEADER = List.of("时间", "事件类型", "组织", "操作人", "内容", "事件编号",
            "事件类型代码", "对象编号", "对象序号", "组织编号", "主题教育编号", "来源系统", "来源事件编号");
    private static final String INSPECTION = "/county/inspection-system";
    private static final String INSPECTION_EVENT = "inspection-42";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DataFormatter shown = new DataFormatter();

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;
    static String org;
    static String campaign;

    @BeforeAll
    static void projectAnOrganizationsHistory() {
        service = ReportingUnderTest.start(dataDirectory);
        org = id("org");
        campaign = id("campaign");
        String problemId = id("problem");
        ProducerRecord<String, byte[]> problem = CloudEventRecords.of(problemId, new ProblemLogged(problemId, org, campaign,
                FocusArea.POVERTY_ALLEVIATION, ProblemSource.SELF_INSPECTION, null, FORMULA, "@owner",
                Instant.parse("2099-10-31T15:59:59Z")), T0.plusMinutes(2));
        // An actor's name is user text too.
        problem.headers().remove("jingzhun_actor");
        problem.headers().add("jingzhun_actor", "-secretary".getBytes(StandardCharsets.UTF_8));
        // Logged from the rectification inbox: the relay names the CloudEvent that caused it.
        problem.headers().add("jingzhun_causation_source", INSPECTION.getBytes(StandardCharsets.UTF_8));
        problem.headers().add("jingzhun_causation_id", INSPECTION_EVENT.getBytes(StandardCharsets.UTF_8));
        service.awaitProjected(
                service.send(CloudEventRecords.of(org, new OrganizationRegistered(org, "兴隆镇党委", Tier.SECTION,
                        Sector.TOWNSHIP, null), T0)),
                service.send(CloudEventRecords.of(org, new HonorRoomVisited(id("visit"), org, campaign,
                        LocalDate.of(2019, 9, 20), 25), T0.plusMinutes(1))),
                service.send(problem));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void exportsAWorkbookAnAuditorCanReadWithDateTimeCellsAndNoFormulas() throws Exception {
        HttpResponse<byte[]> response = get("/api/audit/events?organizationId=" + encode(org), XLSX);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(XLSX);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment").contains(".xlsx"));

        try (XSSFWorkbook workbook = read(response.body())) {
            Sheet sheet = workbook.getSheet("审计事件");
            // What was asked, then the state of the log it shows (as in the response's headers).
            assertThat(shown(sheet.getRow(0).getCell(0))).startsWith("审计事件记录　组织：兴隆镇党委　日志位置："
                    + response.headers().firstValue("Jingzhun-Position").orElseThrow() + "　签名检查点：");
            assertThat(texts(sheet.getRow(1))).isEqualTo(AUDITOR_HEADER);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(sheet.getLastRowNum()).isEqualTo(4);

            Row registered = sheet.getRow(2);
            Cell time = registered.getCell(0);
            assertThat(DateUtil.isCellDateFormatted(time)).isTrue();
            assertThat(time.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2019, 9, 27, 21, 12));
            assertThat(shown(time)).isEqualTo("2019-09-27 21:12:00");
            assertThat(shown(registered.getCell(1))).isEqualTo("登记组织");
            assertThat(shown(registered.getCell(2))).isEqualTo("兴隆镇党委");
            assertThat(shown(registered.getCell(3))).isEqualTo("integration-test");
            assertThat(shown(sheet.getRow(3).getCell(1))).isEqualTo("到荣誉室学习");

            Row logged = sheet.getRow(4);
            assertThat(shown(logged.getCell(1))).isEqualTo("查找问题");
            assertThat(shown(logged.getCell(3))).isEqualTo("-secretary");
            assertThat(shown(logged.getCell(4))).contains("\"description\": \"=HYPERLINK(");
            assertThat(shown(logged.getCell(6))).isEqualTo("jingzhun.rectification.ProblemLogged.v1");
            assertThat(logged.getCell(8).getNumericCellValue()).isZero();
            assertThat(shown(logged.getCell(9))).isEqualTo(org);
            assertThat(shown(logged.getCell(11))).isEqualTo(INSPECTION);
            assertThat(shown(logged.getCell(12))).isEqualTo(INSPECTION_EVENT);
            assertThat(shown(registered.getCell(11))).isEmpty();
            List<Cell> cells = new ArrayList<>();
            sheet.forEach(row -> row.forEach(cells::add));
            assertThat(cells).noneMatch(cell -> cell.getCellType() == CellType.FORMULA);
            assertThat(logged.getCell(3).getCellType()).isEqualTo(CellType.STRING);
        }
    }

    @Test
    void keepsEnglishHeadersAndCodesForMachines() throws Exception {
        HttpResponse<byte[]> response = get("/api/audit/events?format=xlsx&lang=en&type=ProblemLogged&organizationId="
                + encode(org), "*/*");
        assertThat(response.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = read(response.body())) {
            Sheet sheet = workbook.getSheet("events");
            assertThat(texts(sheet.getRow(0))).containsExactly("time", "type", "organizationId", "organizationName",
                    "actor", "event", "id", "subject", "sequence", "campaignId", "causationSource", "causationId");
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            Row logged = sheet.getRow(1);
            assertThat(shown(logged.getCell(0))).isEqualTo("2019-09-27T21:14:00+08:00");
            assertThat(shown(logged.getCell(1))).isEqualTo("jingzhun.rectification.ProblemLogged.v1");
            assertThat(shown(logged.getCell(2))).isEqualTo(org);
            assertThat(shown(logged.getCell(10))).isEqualTo(INSPECTION);
            assertThat(shown(logged.getCell(11))).isEqualTo(INSPECTION_EVENT);
        }
    }

    @Test
    void keepsNdjsonTheDefaultAndNamesABadFormatOrLanguage() throws Exception {
        for (String accept : List.of("*/*", "application/x-ndjson", "application/json")) {
            HttpResponse<byte[]> response = get("/api/audit/events?organizationId=" + encode(org), accept);
            assertThat(response.headers().firstValue("Content-Type")).as(accept).contains("application/x-ndjson");
            assertThat(new String(response.body(), StandardCharsets.UTF_8).lines()).as(accept).hasSize(3);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(get("/api/audit/events?organizationId=" + encode(org), "*/*").body(),
                StandardCharsets.UTF_8).lines().toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).extracting(line -> line.get("causationSource").asText(null))
                .containsExactly(null, null, INSPECTION);
        assertThat(lines).extracting(line -> line.get("causationId").asText(null))
                .containsExactly(null, null, INSPECTION_EVENT);
        assertThat(get("/api/audit/events?format=pdf", "*/*").statusCode()).isEqualTo(400);
        HttpResponse<String> badLanguage = service.request("GET", "/api/audit/events?format=xlsx&lang=fr", "*/*");
        assertThat(badLanguage.statusCode()).isEqualTo(400);
        assertThat(badLanguage.body()).contains("\"field\":\"lang\"");
    }

    private static HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(service.uri(path)).header("Authorization", ReportingUnderTest.basic())
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static XSSFWorkbook read(byte[] xlsx) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
    }

    private static String shown(Cell cell) {
        return cell == null ? "" : shown.formatCellValue(cell);
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(shown(cell)));
        return texts;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String id(String kind) {
        return kind + "-" + UUID.randomUUID();
    }
}
