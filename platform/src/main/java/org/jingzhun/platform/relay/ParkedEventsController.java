package org.jingzhun.platform.relay;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.jingzhun.platform.security.SecurityConfiguration;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator does about parked events (county administrators only):
 * {@code GET /api/admin/relay/parked[?all=true]} lists them; after a fix (a larger
 * {@code max.request.size} and broker limit, an upcaster that slims the event…)
 * {@code POST /api/admin/relay/parked/{globalIndex}/resend} sends the event as it is stored now;
 * {@code POST /api/admin/relay/parked/{globalIndex}/acknowledge} {@code {"note": …}} accepts that it will
 * not be on Kafka. Either resolves it, and the relay's health is UP again once none is left.
 */
@RestController
@RequestMapping("/api/admin/relay/parked")
class ParkedEventsController {

    private static final String COUNTY_ADMIN_AUTHORITY = "ROLE_" + SecurityConfiguration.COUNTY_ADMIN;

    private final KafkaRelay relay;
    private final RelayJournal journal;
    private final EventStorageEngine events;
    private final TransactionTemplate transactions;

    ParkedEventsController(KafkaRelay relay, RelayJournal journal, EventStorageEngine events,
                           TransactionTemplate transactions) {
        this.relay = relay;
        this.journal = journal;
        this.events = events;
        this.transactions = transactions;
    }

    @GetMapping
    ResponseEntity<Object> list(@RequestParam(defaultValue = "false") boolean all) {
        if (!isCountyAdmin()) {
            return forbidden();
        }
        return ResponseEntity.ok(Map.of("parked", journal.parked(all)));
    }

    @PostMapping("/{globalIndex}/resend")
    ResponseEntity<Object> resend(@PathVariable long globalIndex) {
        if (!isCountyAdmin()) {
            return forbidden();
        }
        String operator = SecurityContextHolder.getContext().getAuthentication().getName();
        return transactions.execute(tx -> {
            Optional<ParkedEvent> parked = journal.lockUnresolved(globalIndex);
            if (parked.isEmpty()) {
                return notParked(globalIndex);
            }
            Optional<? extends TrackedEventMessage<?>> message = RelaySafetyNet.read(events, globalIndex);
            if (message.isEmpty()) {
                return notParked(globalIndex);
            }
            AtomicReference<ParkedEvent> still = new AtomicReference<>();
            Object payload;
            try {
                payload = message.get().getPayload();
            } catch (RuntimeException e) {
                return unsendable("It cannot be deserialized: " + e.getMessage());
            }
            KafkaRelay.Outcome outcome;
            try {
                outcome = relay.sendNow(payload, message.get(), still::set);
            } catch (RelayFailedException e) {
                return problem(HttpStatus.SERVICE_UNAVAILABLE, "relay.kafka-unavailable", e.getMessage());
            }
            if (outcome == KafkaRelay.Outcome.PARKED) {
                return unsendable(still.get().reason());
            }
            journal.resolve(globalIndex, "RESENT", operator, null);
            return ResponseEntity.ok((Object) Map.of("globalIndex", globalIndex, "resolution", "RESENT"));
        });
    }

    @PostMapping("/{globalIndex}/acknowledge")
    ResponseEntity<Object> acknowledge(@PathVariable long globalIndex,
                                       @RequestBody(required = false) AcknowledgeRequest request) {
        if (!isCountyAdmin()) {
            return forbidden();
        }
        String operator = SecurityContextHolder.getContext().getAuthentication().getName();
        return transactions.execute(tx -> {
            if (journal.lockUnresolved(globalIndex).isEmpty()) {
                return notParked(globalIndex);
            }
            journal.resolve(globalIndex, "ACKNOWLEDGED", operator, request == null ? null : request.note());
            return ResponseEntity.ok((Object) Map.of("globalIndex", globalIndex, "resolution", "ACKNOWLEDGED"));
        });
    }

    /** @param note why the event may stay off Kafka */
    record AcknowledgeRequest(String note) {
    }

    private static ResponseEntity<Object> notParked(long globalIndex) {
        return problem(HttpStatus.NOT_FOUND, "relay.not-parked",
                "No unresolved parked event at global index " + globalIndex);
    }

    private static ResponseEntity<Object> unsendable(String reason) {
        return problem(HttpStatus.CONFLICT, "relay.still-unsendable", "The event still cannot be sent: " + reason);
    }

    private static ResponseEntity<Object> forbidden() {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Only a county administrator ("
                + SecurityConfiguration.COUNTY_ADMIN + ") may handle parked events");
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetailsAdvice.problem(status, code, detail, List.of()));
    }

    private static boolean isCountyAdmin() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> COUNTY_ADMIN_AUTHORITY.equals(authority.getAuthority()));
    }
}
