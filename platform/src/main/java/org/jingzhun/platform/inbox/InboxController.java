package org.jingzhun.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;
import io.cloudevents.spring.http.CloudEventHttpUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingzhun.platform.web.FieldError;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/inbox}: CloudEvents over HTTP for publishers without Kafka, in the three modes of the
 * CloudEvents HTTP binding — structured ({@code application/cloudevents+json}), binary ({@code ce-*}
 * headers and a JSON body) and batch ({@code application/cloudevents-batch+json}, each event answered
 * on its own; the batch recorded in one transaction unless the rules refuse one of its events inside it,
 * {@link Inbox#receiveAll}).
 */
@RestController
public class InboxController {

    /** The inbox's path. */
    public static final String PATH = "/api/inbox";
    /** Most events in one batch request. */
    public static final int MAX_BATCH = 1_000;
    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    private final Inbox inbox;
    private final ObjectMapper json;
    private final JsonFormat format = new JsonFormat();

    public InboxController(Inbox inbox, ObjectMapper json) {
        this.inbox = inbox;
        this.json = json;
    }

    @PostMapping(path = PATH, consumes = STRUCTURED)
    ResponseEntity<Object> structured(@RequestBody byte[] body) {
        CloudEvent event;
        try {
            event = format.deserialize(body);
        } catch (EventDeserializationException | CloudEventRWException | IllegalStateException e) {
            return problem(unreadable(e));
        }
        return single(event);
    }

    @PostMapping(path = PATH, headers = "ce-specversion")
    ResponseEntity<Object> binary(@RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body) {
        CloudEvent event;
        try {
            event = CloudEventHttpUtils.toReader(headers, () -> body == null ? new byte[0] : body).toEvent();
        } catch (CloudEventRWException | IllegalStateException e) {
            return problem(unreadable(e));
        }
        return single(event);
    }

    @PostMapping(path = PATH, consumes = BATCH)
    ResponseEntity<Object> batch(@RequestBody byte[] body) {
        JsonNode events;
        try {
            events = json.readTree(body);
        } catch (IOException e) {
            events = null;
        }
        if (events == null || !events.isArray()) {
            return problem(ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "inbox.unreadable-batch",
                    "A batch is a JSON array of CloudEvents in structured form",
                    List.of(new FieldError("body", "not a JSON array"))));
        }
        if (events.size() > MAX_BATCH) {
            return problem(ProblemDetailsAdvice.problem(HttpStatus.PAYLOAD_TOO_LARGE, "inbox.batch-too-large",
                    "At most " + MAX_BATCH + " events per batch, not " + events.size(),
                    List.of(new FieldError("body", "at most " + MAX_BATCH + " events"))));
        }
        List<Object> accepted = new ArrayList<>(events.size());
        for (JsonNode entry : events) {
            try {
                accepted.add(inbox.acceptOrRejection(format.deserialize(json.writeValueAsBytes(entry))));
            } catch (EventDeserializationException | CloudEventRWException | IllegalStateException e) {
                accepted.add(new InboxRejection(unreadable(e), e));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<Object> answers = inbox.receiveAll(accepted);
        List<Map<String, Object>> results = new ArrayList<>(events.size());
        for (int i = 0; i < answers.size(); i++) {
            Map<String, Object> result = new LinkedHashMap<>();
            JsonNode id = events.get(i).get("id");
            result.put("id", id != null && id.isTextual() ? id.asText() : null);
            if (answers.get(i) instanceof InboxReceipt receipt) {
                result.put("status", receipt.status().name());
            } else {
                reject(result, ((InboxRejection) answers.get(i)).problem());
            }
            results.add(result);
        }
        return ResponseEntity.ok(Map.of("results", results));
    }

    /** The service's AsyncAPI 3.0 document: events, inbox, dead-letter topics. */
    @org.springframework.web.bind.annotation.GetMapping(path = "/asyncapi.json", produces = "application/json")
    JsonNode asyncApi() {
        String service = inbox.routes().topic().replaceAll("^jingzhun\\.", "").replaceAll("\\.inbox$", "");
        return AsyncApiDocument.of(service, inbox.routes().topic(), inbox.routes().types());
    }

    private ResponseEntity<Object> single(CloudEvent event) {
        try {
            InboxReceipt receipt = inbox.receive(event);
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(Map.of("id", receipt.id(), "status", receipt.status().name()));
        } catch (InboxRejection rejection) {
            return problem(rejection.problem());
        }
    }

    private static void reject(Map<String, Object> result, ProblemDetail problem) {
        result.put("status", InboxStatus.REJECTED.name());
        result.put("problem", problem);
    }

    private static ProblemDetail unreadable(RuntimeException e) {
        String message = e.getMessage() == null ? "not a CloudEvent" : e.getMessage();
        return ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "inbox.invalid-cloudevent",
                "Not a valid CloudEvent 1.0: " + message, List.of(new FieldError("cloudevent", message)));
    }

    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
