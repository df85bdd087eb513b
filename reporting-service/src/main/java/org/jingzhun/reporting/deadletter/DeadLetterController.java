package org.jingzhun.reporting.deadletter;

import java.util.Set;
import org.jingzhun.platform.projection.DeadLetters;
import org.jingzhun.platform.projection.RedriveResult;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/dead-letters?topic=&status=&page=0&size=50}: the live projector's dead letters, newest
 * first. {@code POST /api/admin/dead-letters/{id}/redrive}: applies a parked one again (200 with the letter now
 * {@code REDRIVEN}); one that still fails stays parked and answers 422 {@code dead-letter.still-failing} with
 * the reason; 409 {@code dead-letter.redriven} for one re-driven already; 404 {@code dead-letter.not-found}.
 */
@RestController
class DeadLetterController {

    private static final int MAX_PAGE_SIZE = 200;
    private static final Set<String> STATUSES = Set.of(DeadLetters.PARKED, DeadLetters.REDRIVEN);

    private final TransactionalProjector liveProjector;

    DeadLetterController(TransactionalProjector liveProjector) {
        this.liveProjector = liveProjector;
    }

    @GetMapping("/api/admin/dead-letters")
    DeadLetters.Page list(@RequestParam(required = false) @Nullable String topic,
                          @RequestParam(required = false) @Nullable String status,
                          @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (page > Integer.MAX_VALUE / size) {
            throw invalid("page", "is too large");
        }
        String wanted = status == null || status.isBlank() ? null : status.trim();
        if (wanted != null && !STATUSES.contains(wanted)) {
            throw invalid("status", "must be PARKED or REDRIVEN");
        }
        return liveProjector.deadLetters().list(liveProjector.name(),
                topic == null || topic.isBlank() ? null : topic.trim(), wanted, page, size);
    }

    @PostMapping("/api/admin/dead-letters/{id}/redrive")
    DeadLetters.Stored redrive(@PathVariable long id) {
        RedriveResult result = liveProjector.redrive(id);
        return switch (result.outcome()) {
            case REDRIVEN -> liveProjector.deadLetters().find(liveProjector.name(), id).orElseThrow();
            case STILL_FAILING -> throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE,
                    "dead-letter.still-failing", "Dead letter " + id + " still fails and stays parked: "
                    + result.reason());
            case ALREADY_REDRIVEN -> throw new RuleViolation(RuleViolation.Kind.CONFLICT, "dead-letter.redriven",
                    "Dead letter " + id + " was re-driven already");
            case NOT_FOUND -> throw new RuleViolation(RuleViolation.Kind.NOT_FOUND, "dead-letter.not-found", "id",
                    "No dead letter " + id);
        };
    }

    private static RuleViolation invalid(String field, String message) {
        return new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field, message);
    }
}
