package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger of an organization and of its subtree, as JSON, CSV and XLSX, each parsed back. */
class LedgerIntegrationTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Quotes, a comma and a line break: what a hand-written CSV writer gets wrong. */
    private static final String TRICKY = "台账\"不完整\", 缺\n三户";
    private static final ServiceUnderTest service = ServiceUnderTest.get();
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
        townProblem = log(town, "营商环境不优");
        villageProblem = log(village, TRICKY);
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
        assertThat(ledger.at("/rows/1/problemId").asText()).isEqualTo(villageProblem);
        assertThat(ledger.at("/rows/1/sequence").asLong()).isEqualTo(2);
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
    void exportsCsvThatParsesBackWithItsPosition() throws IOException {
        HttpResponse<byte[]> response = service.bytes("/api/organizations/" + town + "/ledger?includeSubtree=true",
                "text/csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment"));

        String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder()
                .setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get())) {
            Map<String, String> position = position(parser.getHeaderComment());
            List<CSVRecord> records = parser.getRecords();

            assertThat(position).containsEntry("organizationId", town).containsEntry("includeSubtree", "true")
                    .containsEntry("problems", "2").containsEntry("events", "4");
            assertThat(position.get("lastEventAt")).isNotBlank();
            assertThat(records).hasSize(2);
            CSVRecord village = records.get(1);
            assertThat(village.get("problemId")).isEqualTo(villageProblem);
            assertThat(village.get("organizationName")).isEqualTo("龙凤村党支部");
            assertThat(village.get("description")).isEqualTo(TRICKY);
            assertThat(village.get("status")).isEqualTo("RECTIFIED");
            assertThat(village.get("measures")).isEqualTo("2099-10-15 逐户核对");
            assertThat(village.get("attachments")).isEqualTo("台账.jpg sha256:" + "ab".repeat(32));
            assertThat(village.get("deadline")).isEqualTo("2099-10-31T23:59:59+08:00");
            assertThat(village.get("sequence")).isEqualTo("2");
            assertThat(records.get(0).get("verifiedBy")).isEmpty();
        }
    }

    @Test
    void exportsXlsxThatParsesBackWithItsPosition() throws IOException {
        HttpResponse<byte[]> response = service.bytes("/api/organizations/" + town + "/ledger?includeSubtree=true",
                XLSX);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains(XLSX);

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.body()))) {
            List<Row> rows = workbook.findSheet("整改台账").orElseThrow().read();
            List<String> header = cells(rows.get(0));
            Map<String, String> village = row(header, rows.get(2));
            Map<String, String> position = workbook.findSheet("生成依据").orElseThrow().read().stream()
                    .collect(Collectors.toMap(row -> row.getCellAsString(0).orElse(""),
                            row -> row.getCellAsString(1).orElse("")));

            assertThat(rows).hasSize(3);
            assertThat(row(header, rows.get(1)).get("problemId")).isEqualTo(townProblem);
            assertThat(village.get("problemId")).isEqualTo(villageProblem);
            assertThat(village.get("description")).isEqualTo(TRICKY);
            assertThat(village.get("status")).isEqualTo("RECTIFIED");
            assertThat(village.get("sequence")).isEqualTo("2");
            assertThat(position).containsEntry("organizationId", town).containsEntry("events", "4")
                    .containsEntry("problems", "2");
            assertThat(position.get("lastEventAt")).isNotBlank();
        }
    }

    @Test
    void generatesTheSameFileAgainAsOfThePositionItStates() {
        String branch = service.organization("茅坪村党支部", Tier.BRANCH, Sector.VILLAGE, null);
        String problem = log(branch, "三会一课记录不全");
        HttpResponse<byte[]> then = service.bytes("/api/organizations/" + branch + "/ledger", "text/csv");
        String lastEventAt = then.headers().firstValue("Jingzhun-Ledger-Last-Event-At").orElseThrow();

        ok(service.send("POST", "/api/problems/" + problem + "/rectify", "{\"evidence\":\"已补记\"}"));
        log(branch, "党员活动室闲置");
        HttpResponse<byte[]> now = service.bytes("/api/organizations/" + branch + "/ledger", "text/csv");
        assertThat(now.body()).isNotEqualTo(then.body());

        HttpResponse<byte[]> again = service.bytes("/api/organizations/" + branch + "/ledger?asOf="
                + java.net.URLEncoder.encode(lastEventAt, java.nio.charset.StandardCharsets.UTF_8), "text/csv");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(new String(again.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(then.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(again.headers().firstValue("Jingzhun-Ledger-Events")).contains("1");

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

    private static String log(String organization, String description) {
        HttpResponse<String> response = service.send("POST", "/api/problems", "{\"orgId\":\"" + organization
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"POVERTY_ALLEVIATION\","
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

    private static Map<String, String> position(String comment) {
        return comment.lines().map(line -> line.split(": ", 2))
                .collect(Collectors.toMap(parts -> parts[0].strip(), parts -> parts.length > 1 ? parts[1] : ""));
    }

    private static List<String> cells(Row row) {
        return row.stream().map(cell -> cell == null ? "" : cell.getText()).toList();
    }

    private static Map<String, String> row(List<String> header, Row row) {
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), row.getCellAsString(i).orElse(""));
        }
        return values;
    }
}
