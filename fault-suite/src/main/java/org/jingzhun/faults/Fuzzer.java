package org.jingzhun.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Fuzzed requests to every endpoint of the four services: each a valid request with one thing broken
 * (a NUL or control character in text, a far-future or malformed date, a wrong type, a missing or
 * unknown field, malformed JSON, a 2 MiB body, a wrong content type, an unknown or oversize id in the
 * path, junk query parameters). Every answer must be below 500; the caller compares the event stores
 * before and after.
 */
final class Fuzzer {

    /** An endpoint: its service, method, path ({@code {org}} {@code {campaign}} {@code {id}} filled in) and a valid body. */
    private record Endpoint(Service service, String method, String path, String body) {
    }

    /** {@code acceptedIds}: the ids named by the answers of accepted writes (their aggregates may have new events). */
    record Result(long requests, long serverErrors, Map<Service, Long> unsafeAccepted, Map<Integer, Long> statuses,
                  java.util.Set<String> acceptedIds, Map<Integer, Long> cutThenAnswered) {
    }

    private static final String PROBLEM = "{\"orgId\":\"{org}\",\"campaignId\":\"{campaign}\",\"focusArea\":\"POVERTY_ALLEVIATION\","
            + "\"source\":\"SELF_INSPECTION\",\"description\":\"台账\",\"owner\":\"书记\",\"deadline\":\"2029-10-31\"}";
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(Service.ORGANIZATION, "POST", "/api/campaigns", "{\"name\":\"活动\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}"),
            new Endpoint(Service.ORGANIZATION, "GET", "/api/campaigns/{campaign}", null),
            new Endpoint(Service.ORGANIZATION, "PUT", "/api/campaigns/{campaign}/plan", "{\"requirements\":[]}"),
            new Endpoint(Service.ORGANIZATION, "GET", "/api/campaigns/{campaign}/plan", null),
            new Endpoint(Service.ORGANIZATION, "POST", "/api/organizations", "{\"name\":\"支部\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\",\"parentId\":\"{org}\"}"),
            new Endpoint(Service.ORGANIZATION, "GET", "/api/organizations?tier=BRANCH&sector=VILLAGE&parentId={org}", null),
            new Endpoint(Service.ORGANIZATION, "GET", "/api/organizations/{org}", null),
            new Endpoint(Service.ORGANIZATION, "PATCH", "/api/organizations/{id}", "{\"name\":\"改名\"}"),
            new Endpoint(Service.ORGANIZATION, "DELETE", "/api/organizations/{id}", null),
            new Endpoint(Service.ORGANIZATION, "POST", "/api/organizations/{org}/members", "{\"field\":\"RURAL\",\"occupation\":\"OTHER\",\"status\":\"REGULAR\"}"),
            new Endpoint(Service.ORGANIZATION, "PATCH", "/api/members/{id}", "{\"status\":\"MOBILE\"}"),
            new Endpoint(Service.ORGANIZATION, "POST", "/api/members/{id}/transfer", "{\"organizationId\":\"{org}\"}"),
            new Endpoint(Service.ORGANIZATION, "POST", "/api/members/{id}/leave", "{}"),
            new Endpoint(Service.ORGANIZATION, "POST", "/api/accounts", "{\"username\":\"u\",\"password\":\"p\",\"role\":\"VIEWER\"}"),
            new Endpoint(Service.ORGANIZATION, "POST", "/api/inbox", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"jingzhun.organization.MemberEnrolled.v1\",\"data\":{}}"),
            new Endpoint(Service.CHECKLIST, "POST", "/api/organizations/{org}/study-sessions", "{\"campaignId\":\"{campaign}\",\"date\":\"2019-09-20\",\"days\":1,\"format\":\"CONCENTRATED\",\"readings\":[\"党章\"],\"attendees\":10}"),
            new Endpoint(Service.CHECKLIST, "POST", "/api/organizations/{org}/study-notes", "{\"campaignId\":\"{campaign}\",\"memberId\":\"{id}\",\"kind\":\"NOTES\"}"),
            new Endpoint(Service.CHECKLIST, "POST", "/api/organizations/{org}/honor-room-visits", "{\"campaignId\":\"{campaign}\",\"date\":\"2019-09-20\",\"visitors\":3}"),
            new Endpoint(Service.CHECKLIST, "POST", "/api/organizations/{org}/research", "{\"campaignId\":\"{campaign}\",\"kind\":\"GOLDEN_IDEA\",\"title\":\"金点子\"}"),
            new Endpoint(Service.CHECKLIST, "POST", "/api/organizations/{org}/checklist/PLAN", "{\"campaignId\":\"{campaign}\",\"date\":\"2019-09-20\"}"),
            new Endpoint(Service.CHECKLIST, "GET", "/api/organizations/{org}/record?campaignId={campaign}", null),
            new Endpoint(Service.CHECKLIST, "POST", "/api/inbox", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"jingzhun.checklist.HonorRoomVisited.v1\",\"data\":{}}"),
            new Endpoint(Service.RECTIFICATION, "POST", "/api/special-rectifications", "{\"campaignId\":\"{campaign}\",\"title\":\"专项\"}"),
            new Endpoint(Service.RECTIFICATION, "POST", "/api/problems", PROBLEM),
            new Endpoint(Service.RECTIFICATION, "GET", "/api/problems?orgId={org}&status=LOGGED", null),
            new Endpoint(Service.RECTIFICATION, "GET", "/api/problems/{id}", null),
            new Endpoint(Service.RECTIFICATION, "POST", "/api/problems/{id}/measures", "{\"measures\":[{\"description\":\"补\",\"due\":\"2029-10-01\"}]}"),
            new Endpoint(Service.RECTIFICATION, "POST", "/api/problems/{id}/rectify", "{\"evidence\":\"已补\"}"),
            new Endpoint(Service.RECTIFICATION, "POST", "/api/problems/{id}/verify", "{\"comment\":\"好\"}"),
            new Endpoint(Service.RECTIFICATION, "POST", "/api/problems/{id}/reopen", "{\"reason\":\"再查\"}"),
            new Endpoint(Service.RECTIFICATION, "POST", "/api/problems/{id}/deadline", "{\"deadline\":\"2029-12-31\",\"reason\":\"延期\"}"),
            new Endpoint(Service.RECTIFICATION, "GET", "/api/organizations/{org}/ledger", null),
            new Endpoint(Service.RECTIFICATION, "POST", "/api/inbox", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"jingzhun.rectification.ProblemLogged.v1\",\"data\":{}}"),
            new Endpoint(Service.REPORTING, "GET", "/api/totals?campaignId={campaign}&asOf=2019-10-01T00:00:00Z", null),
            new Endpoint(Service.REPORTING, "GET", "/api/compliance?campaignId={campaign}&tier=BRANCH&sector=VILLAGE", null),
            new Endpoint(Service.REPORTING, "GET", "/api/organizations/{org}/scorecard?campaignId={campaign}", null),
            new Endpoint(Service.REPORTING, "GET", "/api/audit/events?organizationId={org}&from=2019-09-01T00:00:00Z&to=2019-09-02T00:00:00Z", null),
            new Endpoint(Service.REPORTING, "GET", "/api/audit/proof?eventId={id}", null),
            new Endpoint(Service.REPORTING, "GET", "/api/audit/verify?from=0&to=10", null),
            new Endpoint(Service.REPORTING, "GET", "/api/admin/replay/{id}", null),
            new Endpoint(Service.REPORTING, "GET", "/api/admin/dead-letters", null),
            new Endpoint(Service.REPORTING, "POST", "/api/admin/dead-letters/{id}/redrive", "{}"),
            new Endpoint(Service.REPORTING, "GET", "/api/dashboard/breakdowns?campaignId={campaign}", null));

    private static final String[] BAD_VALUES = {"\"a\\u0000b\"", "\"a\\u0001b\"", "\"+300000-01-01T00:00:00Z\"",
            "\"+999999999-12-31\"", "\"2019-13-45\"", "-1", "1e309", "99999999999999999999", "true", "[]", "{}", "null",
            "\"" + "长".repeat(5000) + "\"", "\"NOT_AN_ENUM\"", "\"../../etc/passwd\"", "\"<script>\""};

    private final Api api = new Api();
    private final Cluster cluster;
    private final PrintStream log;

    Fuzzer(Cluster cluster, PrintStream log) {
        this.cluster = cluster;
        this.log = log;
    }

    Result run(int requests, String campaign, String org, long seed) throws InterruptedException {
        Random random = new Random(seed);
        long serverErrors = 0;
        Map<Service, Long> unsafeAccepted = new EnumMap<>(Service.class);
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        java.util.Set<String> acceptedIds = new java.util.HashSet<>();
        Map<Integer, Long> cutThenAnswered = new java.util.TreeMap<>();
        for (int i = 0; i < requests; i++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            String path = fill(endpoint.path(), campaign, org, random);
            String method = endpoint.method();
            String contentType = endpoint.body() == null ? null : "application/json";
            byte[] body = endpoint.body() == null ? null : fill(endpoint.body(), campaign, org, random).getBytes(StandardCharsets.UTF_8);
            int mutation = random.nextInt(12);
            switch (mutation) {
                case 0 -> body = "{\"name\":".getBytes(StandardCharsets.UTF_8);                           // malformed JSON
                case 1 -> body = ("{\"x\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8); // over 1 MiB
                case 2 -> contentType = random.nextBoolean() ? "text/plain" : "application/x-www-form-urlencoded";
                case 3 -> {
                    if ("GET".equals(method)) {
                        path = path.replaceFirst("\\?.*$", "") + "?campaignId=%00&asOf=+300000-01-01T00:00:00Z&from=x&to=-1&tier=X";
                    } else {
                        body = "{\"a\":1}}".getBytes(StandardCharsets.UTF_8);                // trailing junk
                    }
                }
                case 4 -> path = "/api/problems/" + "a".repeat(2001);
                case 5 -> body = new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2};                        // not UTF-8
                case 6 -> body = "[]".getBytes(StandardCharsets.UTF_8);
                default -> body = mutateField(body, random);
            }
            if (body != null && contentType == null) {
                contentType = "application/json";
                method = "GET".equals(method) ? "POST" : method;
            }
            int status;
            Api.Answer answer = null;
            try {
                answer = api.send(cluster.uri(endpoint.service()), method, path, contentType, body,
                        random.nextInt(4) == 0 ? UUID.randomUUID().toString() : null, Duration.ofSeconds(60));
                status = answer.status();
            } catch (IOException | IllegalArgumentException e) {
                // The client refused to send it (an illegal URI) or the server cut the connection.
                status = e instanceof IOException ? -1 : -2;
                if (status == -1) {
                    log.println("[fuzz] " + method + " " + abbreviate(path) + ": " + e);
                }
            }
            statuses.merge(status, 1L, Long::sum);
            if (status == -1 && body != null) {
                // Cut while the client was still sending its body: an answer given before the body is read (a
                // path Tomcat refuses itself, finding 6 in docs/reliability.md) is followed by a close that
                // resets the connection. The same request sent again with Expect: 100-continue shows the
                // answer the server gave; only a 4xx problem there clears the cut.
                int again = answerWithExpectContinue(cluster.uri(endpoint.service()), method, path, contentType, body);
                log.println("[fuzz] cut while sending " + method + " " + abbreviate(path) + "; sent again with Expect: "
                        + "100-continue: " + again);
                if (again >= 400 && again < 500) {
                    cutThenAnswered.merge(again, 1L, Long::sum);
                    continue;
                }
            }
            if (status >= 500 || status == -1) {
                serverErrors++;
                log.println("[fuzz] " + status + " for " + method + " " + abbreviate(path) + " " + abbreviate(body));
            }
            if (status / 100 == 2 && !"GET".equals(method)) {
                unsafeAccepted.merge(endpoint.service(), 1L, Long::sum);
                // The aggregates an accepted request may change: those its answer names (a plan's answer names
                // its campaign) and those its path names.
                acceptedIds.addAll(List.of(path.split("[/?]")));
                for (String field : List.of("id", "recordId", "campaignId")) {
                    if (answer.json().hasNonNull(field)) {
                        acceptedIds.add(answer.json().get(field).asText());
                    }
                }
                log.println("[fuzz] accepted " + method + " " + abbreviate(path) + " " + abbreviate(body));
            }
        }
        return new Result(requests, serverErrors, unsafeAccepted, statuses, acceptedIds, cutThenAnswered);
    }

    /**
     * Sends the request over a plain socket with {@code Expect: 100-continue} (JDK 17's HttpClient never completes
     * such a request when the answer is a final status), the body only after a 100, and returns the final status:
     * a problem answer's status (its JSON {@code status} must agree), or -1 without one.
     */
    static int answerWithExpectContinue(java.net.URI service, String method, String path, String contentType,
                                                byte[] body) {
        try (java.net.Socket socket = new java.net.Socket(service.getHost(), service.getPort())) {
            socket.setSoTimeout(60_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + service.getHost() + ":" + service.getPort()
                    + "\r\nAuthorization: " + Api.AUTHORIZATION + "\r\nAccept: application/json\r\nContent-Type: "
                    + contentType + "\r\nExpect: 100-continue\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int status = statusOf(in);
            if (status == 100) {
                skipHeaders(in);
                out.write(body);
                out.flush();
                status = statusOf(in);
            }
            int length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(header.indexOf(':') + 1).trim());
                }
            }
            byte[] answer = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            int problemStatus = Api.JSON.readTree(answer).path("status").asInt(-1);
            return problemStatus == status ? status : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int statusOf(java.io.InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ");
        if (parts.length < 2) {
            throw new IOException("no status line: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }

    private static void skipHeaders(java.io.InputStream in) throws IOException {
        while (!line(in).isEmpty()) {
            // the interim answer's headers
        }
    }

    private static String line(java.io.InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** One field of the JSON body replaced by a bad value, or a field added, or one removed. */
    private static byte[] mutateField(byte[] body, Random random) {
        if (body == null) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String bad = BAD_VALUES[random.nextInt(BAD_VALUES.length)];
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[-\\d.]+|\\[[^\\]]*\\]|\\{[^}]*\\})")
                .matcher(text);
        java.util.List<int[]> spans = new java.util.ArrayList<>();
        while (field.find()) {
            spans.add(new int[] {field.start(2), field.end(2), field.start(), field.end()});
        }
        if (spans.isEmpty()) {
            return (text + bad).getBytes(StandardCharsets.UTF_8);
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        String mutated = random.nextInt(5) == 0
                ? text.substring(0, span[2]) + "\"zz\":0" + text.substring(span[3])                 // a required field missing
                : text.substring(0, span[0]) + bad + text.substring(span[1]);
        return mutated.getBytes(StandardCharsets.UTF_8);
    }

    private static String fill(String template, String campaign, String org, Random random) {
        String id = switch (random.nextInt(4)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> "not-an-id";
            case 2 -> "%00";
            default -> "12345678901234567890";
        };
        return template.replace("{campaign}", random.nextInt(8) == 0 ? UUID.randomUUID().toString() : campaign)
                .replace("{org}", random.nextInt(8) == 0 ? UUID.randomUUID().toString() : org)
                .replace("{id}", id);
    }

    private static String abbreviate(Object value) {
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text;
    }
}
