package org.jingzhun.reporting.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** {@code GET /api/audit/events?organizationId=&type=&from=&to=}: the event history as NDJSON, streamed. */
@RestController
class AuditController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);

    private final AuditExport export;

    AuditController(AuditExport export) {
        this.export = export;
    }

    @GetMapping("/api/audit/events")
    ResponseEntity<StreamingResponseBody> events(@RequestParam(required = false) String organizationId,
                                                 @RequestParam(required = false) String type,
                                                 @RequestParam(required = false) String from,
                                                 @RequestParam(required = false) String to) {
        // Checked before the first byte: once streaming has begun the status can no longer become a 400.
        AuditQuery query = AuditQuery.parse(organizationId, type, from, to);
        StreamingResponseBody body = out -> {
            long lines = export.write(query, out);
            log.debug("Audit export {} wrote {} events", query, lines);
        };
        return ResponseEntity.ok()
                .contentType(NDJSON)
                .cacheControl(CacheControl.noStore())
                // Proxies such as nginx would otherwise hold the stream back until it ends.
                .header("X-Accel-Buffering", "no")
                .body(body);
    }
}
