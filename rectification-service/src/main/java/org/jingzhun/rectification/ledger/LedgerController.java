package org.jingzhun.rectification.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.export.ExportLanguage;
import org.jingzhun.platform.web.FieldError;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * {@code GET /api/organizations/{orgId}/ledger[?includeSubtree=true&campaignId=&asOf=&lang=]}: JSON, CSV or
 * XLSX by {@code Accept} (or {@code ?format=json|csv|xlsx}, for a link in a browser); CSV and XLSX for a
 * clerk (Chinese, the default) or with {@code lang=en} for machines. Every answer carries the event
 * position and the generation details in {@code Jingzhun-Ledger-*} headers, and the documents state
 * the position themselves; {@code asOf} set to the last event time generates the same ledger again once
 * later events have changed it.
 */
@RestController
class LedgerController {

    static final String LAST_EVENT_AT = "Jingzhun-Ledger-Last-Event-At";
    static final String EVENTS = "Jingzhun-Ledger-Events";
    static final String PROBLEMS = "Jingzhun-Ledger-Problems";
    static final String ORGANIZATION_ID = "Jingzhun-Ledger-Organization-Id";
    /** The organization's name percent-encoded as UTF-8 (RFC 3986): HTTP headers carry ASCII only. */
    static final String ORGANIZATION_NAME = "Jingzhun-Ledger-Organization-Name";
    static final String INCLUDE_SUBTREE = "Jingzhun-Ledger-Include-Subtree";
    static final String CAMPAIGN_ID = "Jingzhun-Ledger-Campaign-Id";
    static final String AS_OF = "Jingzhun-Ledger-As-Of";
    static final String GENERATED_AT = "Jingzhun-Ledger-Generated-At";
    /** The highest event-store global index among the events the ledger reflects (see {@link Ledger}). */
    static final String POSITION = "Jingzhun-Ledger-Position";
    /** The Merkle root over the chain heads of the ledger's problems, in row order (see {@link Ledger}). */
    static final String CHAIN_ROOT = "Jingzhun-Ledger-Chain-Root";
    private static final Map<String, MediaType> FORMATS = Map.of(
            "json", MediaType.APPLICATION_JSON,
            "csv", MediaType.parseMediaType(LedgerFormats.CSV),
            "xlsx", MediaType.parseMediaType(LedgerFormats.XLSX));

    private final LedgerQuery ledgers;
    private final Map<ExportLanguage, LedgerTable> tables = new EnumMap<>(ExportLanguage.class);
    private final ZoneId county;

    LedgerController(LedgerQuery ledgers, JingzhunProperties jingzhun) {
        this.ledgers = ledgers;
        this.county = jingzhun.timeZone();
        for (ExportLanguage language : ExportLanguage.values()) {
            tables.put(language, new LedgerTable(language, county));
        }
    }

    @GetMapping("/api/organizations/{orgId}/ledger")
    ResponseEntity<?> ledger(@PathVariable String orgId,
                             @RequestParam(defaultValue = "false") boolean includeSubtree,
                             @RequestParam(required = false) String campaignId,
                             @RequestParam(required = false) String format,
                             @RequestParam(required = false) String asOf,
                             @RequestParam(required = false) String lang,
                             @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType type = format != null ? formatParameter(format) : negotiate(accept);
        LedgerTable table = tables.get(ExportLanguage.parse(lang));
        if (type == null) {
            return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetailsAdvice.problem(HttpStatus.NOT_ACCEPTABLE, "ledger.not-acceptable",
                            "A ledger is available as application/json, text/csv or " + LedgerFormats.XLSX,
                            List.of(new FieldError(HttpHeaders.ACCEPT, "not offered"))));
        }
        Instant then = instant(asOf);
        Ledger ledger = ledgers.ledger(orgId, includeSubtree, campaignId == null || campaignId.isBlank()
                        ? null : campaignId.strip(), then)
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "organization.not-found", "orgId",
                        "No organization " + orgId + " is known"));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(LAST_EVENT_AT, ledger.lastEventAt() == null ? "" : ledger.lastEventAt().toString())
                .header(EVENTS, Long.toString(ledger.events()))
                .header(PROBLEMS, Integer.toString(ledger.problems()))
                .header(ORGANIZATION_ID, ledger.organizationId())
                .header(ORGANIZATION_NAME, UriUtils.encode(ledger.organizationName(), StandardCharsets.UTF_8))
                .header(INCLUDE_SUBTREE, Boolean.toString(ledger.includeSubtree()))
                .header(POSITION, Long.toString(ledger.position()))
                .header(CHAIN_ROOT, ledger.chainRoot())
                .header(GENERATED_AT, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        OffsetDateTime.now(county).truncatedTo(ChronoUnit.SECONDS)));
        if (ledger.campaignId() != null) {
            response.header(CAMPAIGN_ID, ledger.campaignId());
        }
        if (then != null) {
            response.header(AS_OF, then.toString());
        }
        if (type.equals(MediaType.APPLICATION_JSON)) {
            return response.contentType(MediaType.APPLICATION_JSON).body(ledger);
        }
        boolean csv = type.equals(FORMATS.get("csv"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (csv) {
                LedgerFormats.csv(ledger, table, out);
            } else {
                LedgerFormats.xlsx(ledger, table, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String filename = table.fileName(ledger) + (csv ? ".csv" : ".xlsx");
        return response
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : type)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(filename, StandardCharsets.UTF_8).build().toString())
                .body(out.toByteArray());
    }

    /** {@code asOf}: an ISO-8601 instant, with an offset or {@code Z}; absent or blank = now. */
    private static Instant instant(String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(asOf.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "asOf",
                    "expected an ISO-8601 date-time with offset, such as 2019-09-27T21:12:00+08:00");
        }
    }

    private static MediaType formatParameter(String format) {
        MediaType type = FORMATS.get(format.strip().toLowerCase(java.util.Locale.ROOT));
        if (type == null) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "format",
                    "expected one of json, csv, xlsx");
        }
        return type;
    }

    /** The client's most preferred of the offered types; JSON when it takes anything; null when none. */
    private static MediaType negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> wanted;
        try {
            wanted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMimeTypeException e) {
            return null;
        }
        // Most preferred first; among equals, the client's order.
        wanted = wanted.stream().sorted(java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                .toList();
        for (MediaType candidate : wanted) {
            if (candidate.getQualityValue() == 0) {
                continue;
            }
            for (MediaType offered : List.of(MediaType.APPLICATION_JSON, FORMATS.get("csv"), FORMATS.get("xlsx"))) {
                if (candidate.includes(offered)) {
                    return offered;
                }
            }
        }
        return null;
    }
}
