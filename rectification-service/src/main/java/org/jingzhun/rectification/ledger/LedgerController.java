package org.jingzhun.rectification.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jingzhun.platform.JingzhunProperties;
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

/**
 * {@code GET /api/organizations/{orgId}/ledger[?includeSubtree=true&campaignId=&asOf=]}: JSON, CSV or XLSX
 * by {@code Accept} (or {@code ?format=json|csv|xlsx}, for a link in a browser). Every answer carries the
 * event position in the headers {@code Jingzhun-Ledger-Last-Event-At} and {@code Jingzhun-Ledger-Events},
 * and in the document itself; {@code asOf} set to that last event time generates the same ledger again
 * once later events have changed it.
 */
@RestController
class LedgerController {

    static final String LAST_EVENT_AT = "Jingzhun-Ledger-Last-Event-At";
    static final String EVENTS = "Jingzhun-Ledger-Events";
    private static final Map<String, MediaType> FORMATS = Map.of(
            "json", MediaType.APPLICATION_JSON,
            "csv", MediaType.parseMediaType(LedgerFormats.CSV),
            "xlsx", MediaType.parseMediaType(LedgerFormats.XLSX));

    private final LedgerQuery ledgers;
    private final LedgerTable table;

    LedgerController(LedgerQuery ledgers, JingzhunProperties jingzhun) {
        this.ledgers = ledgers;
        this.table = new LedgerTable(jingzhun.timeZone());
    }

    @GetMapping("/api/organizations/{orgId}/ledger")
    ResponseEntity<?> ledger(@PathVariable String orgId,
                             @RequestParam(defaultValue = "false") boolean includeSubtree,
                             @RequestParam(required = false) String campaignId,
                             @RequestParam(required = false) String format,
                             @RequestParam(required = false) String asOf,
                             @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType type = format != null ? formatParameter(format) : negotiate(accept);
        if (type == null) {
            return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetailsAdvice.problem(HttpStatus.NOT_ACCEPTABLE, "ledger.not-acceptable",
                            "A ledger is available as application/json, text/csv or " + LedgerFormats.XLSX,
                            List.of(new FieldError(HttpHeaders.ACCEPT, "not offered"))));
        }
        Ledger ledger = ledgers.ledger(orgId, includeSubtree, campaignId == null || campaignId.isBlank()
                        ? null : campaignId.strip(), instant(asOf))
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "organization.not-found", "orgId",
                        "No organization " + orgId + " is known"));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(LAST_EVENT_AT, ledger.lastEventAt() == null ? "" : ledger.lastEventAt().toString())
                .header(EVENTS, Long.toString(ledger.events()));
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
        String filename = "ledger-" + orgId + (csv ? ".csv" : ".xlsx");
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
