package org.jingzhun.reporting.audit;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jingzhun.platform.export.ExportLanguage;
import org.jingzhun.platform.web.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/events?organizationId=&type=&from=&to=&position=}: the event history, streamed, as NDJSON
 * (the default) or as an XLSX workbook for auditors when asked for by {@code format=xlsx} or by an
 * {@code Accept} that prefers the XLSX type; {@code lang=en} gives the workbook English headers and codes.
 * Every export is of one state of the log, stated in the {@code Jingzhun-Position} and
 * {@code Jingzhun-Checkpoint(-Root)} headers (and in the workbook); {@code position=} asks for that state again.
 */
@RestController
class AuditController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** The trail position an export goes up to: ask with {@code ?position=} for the same bytes again. */
    static final String POSITION = "Jingzhun-Position";
    /** The position of the signed checkpoint that covers the export (the latest at or below its position). */
    static final String CHECKPOINT = "Jingzhun-Checkpoint";
    /** That checkpoint's Merkle root (lowercase hex). */
    static final String CHECKPOINT_ROOT = "Jingzhun-Checkpoint-Root";

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);

    private final AuditExport export;

    AuditController(AuditExport export) {
        this.export = export;
    }

    /**
     * Written on the request thread, not as a {@code StreamingResponseBody}: an asynchronous body commits the
     * response on another thread while Spring Security's header writer writes the security headers on the way out
     * of the filter chain on this one, both changing the response's headers at once (spring-security#9175 and
     * #15510, fixed only in Spring Security 7: a {@code ConcurrentModificationException} in tests, a header without
     * a name on Tomcat). An export is an auditor's occasional download, so holding a request thread for its length
     * costs nothing that matters; the first byte still leaves as soon as it is written.
     */
    @GetMapping("/api/audit/events")
    void events(@RequestParam(required = false) String organizationId,
                @RequestParam(required = false) String type,
                @RequestParam(required = false) String from,
                @RequestParam(required = false) String to,
                @RequestParam(required = false) String format,
                @RequestParam(required = false) String lang,
                @RequestParam(required = false) String position,
                @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                HttpServletResponse response) throws IOException {
        // Checked before the first byte: once streaming has begun the status can no longer become a 400.
        AuditQuery query = AuditQuery.parse(organizationId, type, from, to);
        ExportLanguage language = ExportLanguage.parse(lang);
        boolean workbook = format == null || format.isBlank() ? prefersWorkbook(accept) : workbook(format);
        AuditExport.Snapshot snapshot = export.snapshot(position(position));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        // Proxies such as nginx would otherwise hold the stream back until it ends.
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader(POSITION, Long.toString(snapshot.position()));
        if (snapshot.checkpoint() != null) {
            response.setHeader(CHECKPOINT, Long.toString(snapshot.checkpoint().position()));
            response.setHeader(CHECKPOINT_ROOT, snapshot.checkpoint().root());
        }
        if (workbook) {
            response.setContentType(XLSX.toString());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(language.pick("审计事件.xlsx", "audit-events.xlsx"), StandardCharsets.UTF_8)
                    .build().toString());
            long rows = export.writeWorkbook(query, snapshot, language, response.getOutputStream());
            log.debug("Audit workbook {} wrote {} events", query, rows);
        } else {
            response.setContentType(NDJSON.toString());
            long lines = export.write(query, snapshot, response.getOutputStream());
            log.debug("Audit export {} wrote {} events", query, lines);
        }
        response.flushBuffer();
    }

    /** {@code position}: a whole number, or absent for everything recorded so far. */
    private static Long position(String position) {
        if (position == null || position.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(position.strip());
        } catch (NumberFormatException e) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "position",
                    "expected a position of the audit trail (a whole number, the Jingzhun-Position of an export)");
        }
    }

    /** {@code format}: {@code ndjson} or {@code xlsx}; anything else is a 400 naming it. */
    private static boolean workbook(String format) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "xlsx" -> true;
            case "ndjson" -> false;
            default -> throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "format",
                    "expected ndjson or xlsx");
        };
    }

    /**
     * Whether the client's most preferred type it names is XLSX itself (not a wildcard). Anything else —
     * no {@code Accept}, {@code *}/{@code *}, NDJSON, a type we do not offer, an unreadable header — keeps
     * NDJSON, as before the workbook existed.
     */
    private static boolean prefersWorkbook(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> wanted;
        try {
            wanted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMimeTypeException e) {
            return false;
        }
        // Most preferred first; among equals, the client's order.
        for (MediaType candidate : wanted.stream()
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed()).toList()) {
            if (candidate.getQualityValue() == 0) {
                continue;
            }
            if (candidate.equalsTypeAndSubtype(XLSX)) {
                return true;
            }
            if (candidate.includes(NDJSON)) {
                return false;
            }
        }
        return false;
    }
}
