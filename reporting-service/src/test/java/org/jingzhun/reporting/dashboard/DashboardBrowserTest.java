package org.jingzhun.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.embedded.TestTokenIssuer;
import org.jingzhun.reporting.ReportingUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard as a county official sees it: reporting-service started for real on embedded PostgreSQL
 * and Kafka, a small county published in the wire format, the page driven in headless Chromium. The
 * rectification service is a tiny local HTTP server answering a ledger, so that the page's ledger goes
 * through the service's forwarding as in the suite. Screenshots land in {@code target/screenshots/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; without them the browser test is skipped
 * (and says so), the API checks still run — except in CI ({@code CI=true}), where it fails instead.
 */
class DashboardBrowserTest {

    private static final String PASSWORD = ReportingUnderTest.PASSWORD;
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration STREAM_LIFETIME = Duration.ofSeconds(8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;
    static HttpServer rectification;
    /** Stands in for organization-service: signs the token its /oauth2/token stub hands to the login page. */
    static TestTokenIssuer issuer;
    /** The token the page gets when it logs in as admin. */
    static String pageToken;
    static final List<String> ledgerRequests = new CopyOnWriteArrayList<>();
    static DashboardCounty county;

    @BeforeAll
    static void start() throws Exception {
        issuer = TestTokenIssuer.start();
        pageToken = issuer.token("admin", "COUNTY_ADMIN", null, TestTokenIssuer.ISSUER,
                java.time.Instant.now().plus(Duration.ofHours(1)));
        rectification = ledgerStub();
        service = ReportingUnderTest.start(dataDirectory,
                // Each stream is closed after a while, as a proxy or a flaky network would: the page must come back.
                "--jingzhun.reporting.totals-stream.timeout=" + STREAM_LIFETIME.toMillis() + "ms",
                "--jingzhun.dashboard.rectification-url=http://127.0.0.1:" + rectification.getAddress().getPort(),
                // The login page's token comes from the same stub, as organization-service would answer.
                "--jingzhun.dashboard.organization-url=http://127.0.0.1:" + rectification.getAddress().getPort(),
                issuer.serviceArguments()[0], issuer.serviceArguments()[1]);
        county = new DashboardCounty();
        List<RecordMetadata> sent = new ArrayList<>();
        for (ProducerRecord<String, byte[]> record : county.records) {
            sent.add(service.send(record));
        }
        awaitProjected(sent.toArray(RecordMetadata[]::new));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (rectification != null) {
            rectification.stop(0);
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void showsTheCountyLiveDrillsDownToALedgerAndSpeaksEnglishOnRequest() throws Exception {
        if (!browserInstalled() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(skipped() + " — in CI (CI=true) this test must run, not be skipped");
        }
        Assumptions.assumeTrue(browserInstalled(), () -> skipped());
        // Under the class's temporary directory, which JUnit deletes: a profile of its own in /tmp stayed behind (~5 MB a run).
        Path profile = Files.createTempDirectory(dataDirectory, "chromium-");
        WebDriver browser = chromium(profile);
        try {
            // The page asks for an account first (in Chinese), refuses a wrong password, then takes the token.
            browser.get("http://localhost:" + port() + "/?campaignId=" + encode(county.campaignId));
            await().atMost(BOUND).until(() -> browser.findElement(By.id("login")).isDisplayed());
            assertThat(text(browser, "#login h2")).isEqualTo("登录");
            logIn(browser, "admin", "wrong-password");
            await().atMost(BOUND).until(() -> browser.findElement(By.id("login-error")).isDisplayed());
            assertThat(text(browser, "#login-error")).isEqualTo("用户名或密码不正确，或账号已停用");
            screenshot(browser, "login-refused.png");
            logIn(browser, "admin", PASSWORD);
            await().atMost(BOUND).until(() -> !browser.findElement(By.id("login")).isDisplayed());

            JsonNode totals = get("/api/totals?campaignId=" + encode(county.campaignId));
            await().atMost(BOUND).untilAsserted(() ->
                    assertThat(metric(browser, "problems.found")).isEqualTo(totals.at("/problems/found").asText()));
            for (String metric : List.of("organizations.total", "organizations.byTier.SECTION", "members.total",
                    "study.sessions", "study.notes", "honorRoom.units", "honorRoom.personVisits",
                    "research.RESEARCH_REPORT", "checklist.itemsCompleted", "checklist.completions",
                    "checklist.branchesComplete", "problems.rectified", "problems.inProgress", "problems.overdue")) {
                assertThat(metric(browser, metric)).as(metric).isEqualTo(totals.at("/" + metric.replace('.', '/')).asText());
            }
            assertThat(Double.parseDouble(metric(browser, "study.days"))).isEqualTo(totals.at("/study/days").asDouble());
            assertThat(text(browser, "[data-metric='problems.found']")).isEqualTo(totals.at("/problems/found").asText());
            long found = totals.at("/problems/found").asLong();
            long rectified = totals.at("/problems/rectified").asLong();
            assertThat(Double.parseDouble(metric(browser, "problems.rate"))).isCloseTo(rectified * 100.0 / found,
                    org.assertj.core.data.Offset.offset(1e-9));
            assertThat(text(browser, "#headline")).isEqualTo("主题教育 · 分级分类指导");
            // Who is behind, with the compliance explanations in Chinese.
            await().atMost(BOUND).until(() -> !browser.findElements(By.cssSelector("#behind-list li[data-requirement]")).isEmpty());
            assertThat(text(browser, "#behind-list li[data-requirement] .why")).containsPattern("[\\u4e00-\\u9fa5]");

            // A verifying replay shows as a bar over the board, up to its end and its verdict.
            assertThat(browser.findElement(By.id("replay")).isDisplayed()).isFalse();
            HttpResponse<String> replay = HTTP.send(HttpRequest.newBuilder(uri("/api/admin/replay"))
                    .header("Authorization", basic()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"VERIFY\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
            await().atMost(BOUND).untilAsserted(() ->
                    assertThat(attribute(browser, "#replay", "data-status")).isEqualTo("COMPLETED"));
            assertThat(text(browser, "#replay-state")).isEqualTo("已完成");
            assertThat(text(browser, "#replay-figures")).startsWith("100% · ").endsWith("重建结果与实时总数一致");
            assertThat(attribute(browser, "#replay-bar", "value")).isEqualTo("100");
            screenshot(browser, "replay-completed.png");

            // Live: the stream is open; one more visit shows up without a reload.
            await().atMost(BOUND).until(() -> "live".equals(attribute(browser, "#status", "data-state")));
            ((JavascriptExecutor) browser).executeScript("window.__sameDocument = true;");
            long visitors = totals.at("/honorRoom/personVisits").asLong();
            awaitProjected(service.send(county.laterVisit(county.organizationId("县医院内科党支部"), 7)));
            await().atMost(BOUND).untilAsserted(() ->
                    assertThat(metric(browser, "honorRoom.personVisits")).isEqualTo(Long.toString(visitors + 7)));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;")).isEqualTo(true);
            assertThat(get("/api/totals?campaignId=" + encode(county.campaignId)).at("/honorRoom/personVisits").asLong())
                    .isEqualTo(visitors + 7);
            await().atMost(BOUND).until(() -> text(browser, "#recent li").contains("县医院内科党支部"));

            // The stream drops: the page says it is reconnecting, comes back by itself and stays live.
            await().atMost(BOUND).pollInterval(Duration.ofMillis(50))
                    .until(() -> "reconnecting".equals(attribute(browser, "#status", "data-state")));
            await().atMost(BOUND).until(() -> "live".equals(attribute(browser, "#status", "data-state")));
            awaitProjected(service.send(county.laterVisit(county.organizationId("茶业公司党支部"), 3)));
            long liveVisitors = visitors + 10;
            await().atMost(BOUND).untilAsserted(() ->
                    assertThat(metric(browser, "honorRoom.personVisits")).isEqualTo(Long.toString(liveVisitors)));
            assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument === true;")).isEqualTo(true);
            screenshot(browser, "dashboard-wide.png");
            fullPage(browser, "dashboard-wide-full", 2000);
            wallScreen(browser);

            // Drill-down: sector → its organizations → one organization's scorecard and ledger.
            click(browser, "#sectors tr[data-sector='VILLAGE']");
            String village = county.organizationId("兴隆村党支部");
            await().atMost(BOUND).until(() -> !browser.findElements(By.cssSelector("#drill-list tr[data-org-id]")).isEmpty());
            assertThat(attributes(browser, "#drill-list tr[data-org-id]", "data-org-id"))
                    .containsExactlyInAnyOrder(village, county.organizationId("龙凤村党支部"));
            screenshot(browser, "drill-sector-wide.png");
            click(browser, "#drill-list tr[data-org-id='" + village + "']");
            await().atMost(BOUND).until(() -> !browser.findElements(By.cssSelector("#ledger-table tr[data-problem-id]")).isEmpty());
            assertThat(text(browser, "#drill-title")).isEqualTo("兴隆村党支部");
            assertThat(text(browser, "#scorecard")).contains("1/2");
            assertThat(attributes(browser, "#ledger-table tr[data-problem-id]", "data-problem-id")).containsExactly("ledger-problem-1", "ledger-problem-2");
            assertThat(text(browser, "#ledger-table")).contains("易地扶贫搬迁户就业跟踪不到位", "已整改");
            assertThat(browser.findElement(By.id("ledger-csv")).getAttribute("href"))
                    .endsWith("/api/organizations/" + village + "/ledger?campaignId=" + encode(county.campaignId) + "&format=csv");
            assertThat(browser.findElement(By.id("ledger-xlsx")).getAttribute("href")).contains("format=xlsx");
            // The page's own request went through this service, with the page's token passed on.
            assertThat(ledgerRequests).anySatisfy(request -> assertThat(request)
                    .startsWith("/api/organizations/" + village + "/ledger?campaignId=")
                    .endsWith("|application/json|Bearer " + pageToken));
            screenshot(browser, "drill-organization-wide.png");

            // As of a past instant: the stream pauses, the figures are those of GET /api/totals?asOf=, back to live on request.
            browser.findElement(By.cssSelector("#drill [data-close].close")).click();
            JsonNode then = get("/api/totals?campaignId=" + encode(county.campaignId) + "&asOf=" + encode(county.beforeProblems.toString()));
            assertThat(then.at("/problems/found").asLong()).isZero();
            assertThat(then.at("/honorRoom/personVisits").asLong()).isPositive().isLessThan(liveVisitors);
            ((JavascriptExecutor) browser).executeScript(
                    "document.getElementById('as-of').value = arguments[0]; document.getElementById('as-of-form').requestSubmit();",
                    county.beforeProblems.toLocalDateTime().toString());
            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(attribute(browser, "#status", "data-state")).isEqualTo("history");
                assertThat(metric(browser, "honorRoom.personVisits")).isEqualTo(then.at("/honorRoom/personVisits").asText());
                assertThat(metric(browser, "problems.found")).isEqualTo("0");
            });
            assertThat(browser.findElement(By.id("history-banner")).isDisplayed()).isTrue();
            assertThat(browser.getCurrentUrl()).contains("asOf=");
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            screenshot(browser, "dashboard-history-wide.png");
            // Every panel follows the instant, and nothing is labelled "current data": breakdowns and who is
            // behind are asked as of it; the sector table has no rectification rate yet (no problem then).
            await().atMost(BOUND).untilAsserted(() -> assertThat(requested(browser, "api/dashboard/breakdowns?"))
                    .anySatisfy(request -> assertThat(request).contains("asOf=")));
            assertThat(requested(browser, "api/compliance?")).anySatisfy(request -> assertThat(request).contains("asOf="));
            assertThat(text(browser, "#sectors tr[data-sector='VILLAGE'] td:nth-child(4)")).isEqualTo("—");
            assertThat(browser.getPageSource()).doesNotContain("当前数据");
            // The ledger follows the board's instant (the rectification service regenerates it as of then), and
            // so do the drill-down list and the scorecard: no problem found then.
            click(browser, "#sectors tr[data-sector='VILLAGE']");
            await().atMost(BOUND).until(() -> !browser.findElements(By.cssSelector("#drill-list tr[data-org-id]")).isEmpty());
            assertThat(text(browser, "#drill-list tr[data-org-id='" + village + "'] td:nth-child(6)")).isEqualTo("0");
            click(browser, "#drill-list tr[data-org-id='" + village + "']");
            await().atMost(BOUND).until(() -> !browser.findElements(By.cssSelector("#ledger-table tr[data-problem-id]")).isEmpty());
            assertThat(text(browser, "#scorecard")).contains("0/0").doesNotContain("当前数据");
            assertThat(ledgerRequests).anySatisfy(request -> assertThat(request)
                    .contains("asOf=" + encode(county.beforeProblems.toLocalDateTime() + ":00+08:00")));
            assertThat(browser.findElement(By.id("ledger-csv")).getAttribute("href")).contains("asOf=");
            browser.findElement(By.cssSelector("#drill [data-close].close")).click();
            browser.findElement(By.id("back-to-live")).click();
            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(attribute(browser, "#status", "data-state")).isEqualTo("live");
                assertThat(metric(browser, "honorRoom.personVisits")).isEqualTo(Long.toString(liveVisitors));
                assertThat(metric(browser, "problems.found")).isEqualTo(Long.toString(found));
            });
            assertThat(browser.findElement(By.id("history-banner")).isDisplayed()).isFalse();

            // English on request, and still English after a reload (the choice is kept).
            browser.findElement(By.id("lang-toggle")).click();
            assertThat(text(browser, "#headline")).isEqualTo("Theme Education · Tiered Guidance");
            assertThat(text(browser, ".kpis h2")).isEqualTo("Organizations");
            browser.navigate().refresh();
            await().atMost(BOUND).until(() -> "Theme Education · Tiered Guidance".equals(text(browser, "#headline")));
            await().atMost(BOUND).untilAsserted(() ->
                    assertThat(metric(browser, "honorRoom.personVisits")).isEqualTo(Long.toString(liveVisitors)));
            screenshot(browser, "dashboard-wide-en.png");

            // Back to Chinese for the phone.
            browser.findElement(By.id("lang-toggle")).click();
            browser.manage().window().setSize(new Dimension(390, 844));
            await().atMost(BOUND).until(() -> ((Number) ((JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.clientWidth;")).intValue() <= 390);
            assertThat(((Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue())
                    .as("no horizontal scrolling on a phone").isLessThanOrEqualTo(0);
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            screenshot(browser, "dashboard-narrow.png");
            fullPage(browser, "dashboard-narrow-full", 1100);
            click(browser, "#sectors tr[data-sector='VILLAGE']");
            await().atMost(BOUND).until(() -> !browser.findElements(By.cssSelector("#drill-list tr[data-org-id]")).isEmpty());
            click(browser, "#drill-list tr[data-org-id='" + village + "']");
            await().atMost(BOUND).until(() -> !browser.findElements(By.cssSelector("#ledger-table tr[data-problem-id]")).isEmpty());
            screenshot(browser, "drill-organization-narrow.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void answersTheDrillDownAndBreakdownsFromTheProjection() throws Exception {
        JsonNode villages = get("/api/dashboard/organizations?campaignId=" + encode(county.campaignId) + "&sector=VILLAGE");
        assertThat(villages.get("total").asLong()).isEqualTo(2);
        JsonNode village = villages.get("organizations").get(0);
        assertThat(village.get("name").asText()).isEqualTo("兴隆村党支部");
        assertThat(village.get("checklistItemsDone").asLong()).isEqualTo(10);
        assertThat(village.get("problemsFound").asLong()).isEqualTo(2);
        assertThat(village.get("problemsRectified").asLong()).isEqualTo(1);
        assertThat(village.get("personVisits").asLong()).isEqualTo(18);
        assertThat(village.get("members").asLong()).isEqualTo(3);

        assertThat(get("/api/dashboard/organizations?campaignId=" + encode(county.campaignId) + "&name=" + encode("兴隆"))
                .get("organizations")).extracting(row -> row.get("name").asText())
                .containsExactly("兴隆镇党委", "兴隆村党支部");
        // What is typed is text, not a LIKE pattern.
        assertThat(get("/api/dashboard/organizations?campaignId=" + encode(county.campaignId) + "&name=" + encode("%"))
                .get("total").asLong()).isZero();

        JsonNode sections = get("/api/dashboard/organizations?campaignId=" + encode(county.campaignId)
                + "&tier=SECTION&size=2&page=1");
        assertThat(sections.get("total").asLong()).isEqualTo(5);
        assertThat(sections.get("organizations")).hasSize(2);

        JsonNode breakdowns = get("/api/dashboard/breakdowns?campaignId=" + encode(county.campaignId));
        assertThat(breakdowns.at("/campaign/name").asText()).isEqualTo("第二批主题教育");
        assertThat(breakdowns.at("/problemsByStatus/VERIFIED").asLong()).isEqualTo(2);
        assertThat(breakdowns.at("/problemsByStatus/REOPENED").asLong()).isEqualTo(1);
        JsonNode septemberSections = null;
        for (JsonNode row : breakdowns.get("study")) {
            if (row.get("tier").asText().equals("SECTION") && row.get("month").asText().equals("2019-09")) {
                septemberSections = row;
            }
        }
        assertThat(septemberSections).isNotNull();
        // Concentrated study only (the plan's format): 兴隆镇 2, 湄江街道 1, 教育局 2; the hospital's online day does not count.
        assertThat(septemberSections.get("required").asInt()).isEqualTo(2);
        assertThat(septemberSections.get("studied").asLong()).isEqualTo(3);
        assertThat(septemberSections.get("meeting").asLong()).isEqualTo(2);
        assertThat(septemberSections.get("days").asDouble()).isEqualTo(5.0);
        for (JsonNode row : breakdowns.get("checklist")) {
            if (row.get("sector").asText().equals("VILLAGE")) {
                assertThat(row.get("branches").asLong()).isEqualTo(2);
                assertThat(row.get("itemsCompleted").asLong()).isEqualTo(14);
                assertThat(row.get("branchesComplete").asLong()).isEqualTo(1);
            }
        }

        JsonNode activity = get("/api/dashboard/activity?campaignId=" + encode(county.campaignId));
        assertThat(activity.get("unit").asText()).isEqualTo("day");
        assertThat(activity.get("recent")).hasSize(12);
        JsonNode early = get("/api/dashboard/activity?campaignId=" + encode(county.campaignId)
                + "&asOf=" + encode("2019-09-02T12:00:00+08:00"));
        assertThat(early.get("events").asLong()).isBetween(1L, activity.get("events").asLong() - 1);

        assertThat(get("/api/dashboard/campaigns")).anySatisfy(campaign ->
                assertThat(campaign.get("id").asText()).isEqualTo(county.campaignId));
    }

    @Test
    void cachesVersionedWebjarsForAYearAndRevalidatesTheDashboardsOwnAssets() throws Exception {
        HttpResponse<String> versioned = HTTP.send(HttpRequest.newBuilder(uri("/webjars/echarts/5.5.0/echarts.min.js"))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(versioned.statusCode()).isEqualTo(200);
        assertThat(versioned.headers().allValues("Cache-Control")).containsExactly("public, max-age=31536000, immutable");
        assertThat(versioned.headers().firstValue("Pragma")).isEmpty();
        for (String path : List.of("/webjars/echarts/echarts.min.js", "/js/dashboard.js", "/css/dashboard.css")) {
            HttpResponse<String> first = HTTP.send(HttpRequest.newBuilder(uri(path))
                    .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(first.headers().allValues("Cache-Control")).as(path).containsExactly("no-cache");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(uri(path)).header("If-None-Match", etag)
                    .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).as(path).isEmpty();
        }
        HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(uri("/api/dashboard/campaigns"))
                .header("Authorization", basic()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.headers().firstValue("Cache-Control").orElseThrow()).as("answers stay uncached").contains("no-store");
    }

    @Test
    void servesThePageToAnyoneAndItsDataOnlyWithATokenWithoutABrowserPrompt() throws Exception {
        // The page and its scripts carry no data: they must load before anyone has logged in.
        for (String path : List.of("/", "/js/dashboard.js", "/css/dashboard.css", "/webjars/echarts/echarts.min.js")) {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(200);
        }
        String totals = "/api/totals?campaignId=" + encode(county.campaignId);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(uri(totals))
                .header("X-Requested-With", "XMLHttpRequest").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(401);
        // The page's calls are challenged with Bearer: a Basic challenge would pop up the browser's own prompt.
        assertThat(page.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        HttpResponse<String> withToken = HTTP.send(HttpRequest.newBuilder(uri(totals))
                .header("Authorization", "Bearer " + pageToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(200);
    }

    // --- browser plumbing ---

    private static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static String skipped() {
        String message = "DashboardBrowserTest SKIPPED: needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install chromium chromium-driver)";
        System.err.println("*** " + message);
        return message;
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1600,1000", "--lang=zh-CN");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1600, 1000));
        return driver;
    }

    /** A 1920×1080 wall screen (the browser's own bars left out of the height), then the test's window again. */
    private static void wallScreen(WebDriver browser) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        int bars = ((Number) js.executeScript("return window.outerHeight - window.innerHeight;")).intValue();
        browser.manage().window().setSize(new Dimension(1920, 1080 + bars));
        await().atMost(BOUND).until(() -> ((Number) js.executeScript("return window.innerWidth;")).intValue() == 1920);
        js.executeScript("window.scrollTo(0, 0);");
        screenshot(browser, "dashboard-wall-1920x1080.png");
        browser.manage().window().setSize(new Dimension(1600, 1000));
        await().atMost(BOUND).until(() -> ((Number) js.executeScript("return window.innerWidth;")).intValue() == 1600);
    }

    /** Clicks what the page may just be drawing again (the board re-renders its rows on every change). */
    private static void click(WebDriver browser, String css) {
        await().atMost(BOUND).ignoreException(StaleElementReferenceException.class).until(() -> {
            browser.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    // The page re-renders while it is live: every read is one script call, so no element goes stale
    // between finding it and reading it.

    private static String metric(WebDriver browser, String metric) {
        return attribute(browser, "[data-metric='" + metric + "']", "data-value");
    }

    /** The URLs the page fetched (Resource Timing) whose text contains {@code part}. */
    @SuppressWarnings("unchecked")
    private static List<String> requested(WebDriver browser, String part) {
        return ((List<Object>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes(arguments[0]));",
                part)).stream().map(String::valueOf).toList();
    }

    private static String text(WebDriver browser, String css) {
        Object text = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';", css);
        return text == null ? "" : text.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> attributes(WebDriver browser, String css, String name) {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.getAttribute(arguments[1]));",
                css, name);
    }

    private static String attribute(WebDriver browser, String css, String name) {
        Object value = ((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
        if (value == null) {
            throw new AssertionError("no " + css + " with " + name);
        }
        return value.toString();
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The whole page, beyond the window, for a reviewer (the window shot is what a wall screen shows), in
     * slices of at most {@code slice} pixels: name-1.png, name-2.png, …
     */
    private static void fullPage(WebDriver browser, String name, int slice) throws IOException {
        ChromeDriver chrome = (ChromeDriver) browser;
        int height = ((Number) chrome.executeScript("return document.documentElement.scrollHeight;")).intValue();
        // The window's width, scroll bar included: the capture lays the page out at that width.
        int width = ((Number) chrome.executeScript("return window.innerWidth;")).intValue();
        Files.createDirectories(SCREENSHOTS);
        for (int part = 0; part * slice < height; part++) {
            int top = part * slice;
            Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", top, "width", width, "height", Math.min(slice, height - top), "scale", 1)));
            Files.write(SCREENSHOTS.resolve(name + "-" + (part + 1) + ".png"),
                    Base64.getDecoder().decode((String) shot.get("data")));
        }
    }

    // --- the rectification service, as far as the ledger goes ---

    /** Answers every ledger request with two rows, and remembers path, Accept and Authorization of each. */
    private static void logIn(WebDriver browser, String username, String password) {
        browser.findElement(By.id("login-username")).clear();
        browser.findElement(By.id("login-username")).sendKeys(username);
        browser.findElement(By.id("login-password")).clear();
        browser.findElement(By.id("login-password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private static HttpServer ledgerStub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // organization-service's token endpoint: client credentials as HTTP Basic, RFC 6749 JSON back.
        server.createContext("/oauth2/token", exchange -> {
            boolean admin = basic().equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (admin ? "{\"access_token\":\"" + pageToken + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
                    : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(admin ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/api/organizations/", exchange -> {
            ledgerRequests.add(exchange.getRequestURI() + "|" + exchange.getRequestHeaders().getFirst("Accept") + "|"
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            String organizationId = exchange.getRequestURI().getPath().split("/")[3];
            String json = """
                    {"organizationId":"%1$s","organizationName":"兴隆村党支部","includeSubtree":false,
                     "campaignId":null,"lastEventAt":"2019-10-20T08:00:00Z","problems":2,"events":5,"rows":[
                      {"problemId":"ledger-problem-1","organizationId":"%1$s","organizationName":"兴隆村党支部",
                       "focusArea":"POVERTY_ALLEVIATION","source":"SELF_INSPECTION","description":"易地扶贫搬迁户就业跟踪不到位",
                       "owner":"李明","deadline":"2019-10-31T10:00:00Z","status":"RECTIFIED","overdue":false,
                       "measures":[],"attachments":[],"loggedAt":"2019-09-20T02:00:00Z","sequence":2,
                       "lastEventAt":"2019-10-20T08:00:00Z"},
                      {"problemId":"ledger-problem-2","organizationId":"%1$s","organizationName":"兴隆村党支部",
                       "focusArea":"BRANCH_STANDARDIZATION","source":"SOLICITED_OPINION","description":"支部活动阵地标准化建设滞后",
                       "owner":"王芳","deadline":"2019-11-15T10:00:00Z","status":"RECTIFYING","overdue":false,
                       "measures":[],"attachments":[],"loggedAt":"2019-09-20T02:30:00Z","sequence":1,
                       "lastEventAt":"2019-10-19T08:00:00Z"}]}""".formatted(organizationId);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    // --- service plumbing ---

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .header("Authorization", basic()).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void awaitProjected(RecordMetadata... records) {
        service.awaitProjected(records);
    }

    private static int port() {
        return service.port();
    }

    private static URI uri(String path) {
        return service.uri(path);
    }

    private static String basic() {
        return ReportingUnderTest.basic();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
