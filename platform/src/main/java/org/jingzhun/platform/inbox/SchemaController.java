package org.jingzhun.platform.inbox;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.web.FieldError;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /schemas/{ce_type}.json}: the JSON Schema of every public event, as kept in {@code contracts};
 * the target of the {@code ce_dataschema} header on every published record.
 */
@RestController
public class SchemaController {

    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    @GetMapping("/schemas/{type}.json")
    ResponseEntity<Object> schema(@PathVariable String type) throws IOException {
        EventType eventType = EventCatalog.byCloudEventType(type).orElse(null);
        InputStream in = eventType == null ? null
                : EventType.class.getClassLoader().getResourceAsStream(eventType.schemaResource());
        if (in == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetailsAdvice.problem(HttpStatus.NOT_FOUND, "schema.not-found",
                            "No published event type " + type, List.of(new FieldError("type", "unknown"))));
        }
        try (in) {
            return ResponseEntity.ok().contentType(SCHEMA_JSON).body(in.readAllBytes());
        }
    }
}
