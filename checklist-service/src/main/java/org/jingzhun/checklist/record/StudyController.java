package org.jingzhun.checklist.record;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.platform.web.ClientIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/organizations/{orgId}")
public class StudyController {

    /** Longest session accepted: a month of study in one go is already generous. */
    static final String MAX_DAYS = "31";
    /**
     * Most attendees a session names: a very large branch, and still an event well within what Kafka
     * carries (5,000 ids of 100 characters are ~0.5 MB of JSON).
     */
    static final int MAX_ATTENDEE_IDS = 5_000;

    public record SessionRequest(@NotBlank @Size(max = 100) String campaignId, @NotNull LocalDate date,
                          @NotNull @DecimalMin("0.5") @DecimalMax(MAX_DAYS) BigDecimal days,
                          @NotNull StudyFormat format,
                          @Size(max = 50) List<@NotBlank @Size(max = 200) String> readings,
                          @NotNull @Min(1) @Max(100_000) Integer attendees,
                          @Size(max = MAX_ATTENDEE_IDS) List<@NotBlank @Size(max = 100) String> attendeeIds) {
    }

    /** {@code date}: the day the note is recorded for; today (in the county) when absent. */
    public record NoteRequest(@NotBlank @Size(max = 100) String campaignId, @NotBlank @Size(max = 100) String memberId,
                       @NotNull StudyNoteKind kind, LocalDate date) {
    }

    private final CommandGateway commands;
    private final Participants participants;

    StudyController(CommandGateway commands, Participants participants) {
        this.commands = commands;
        this.participants = participants;
    }

    @PostMapping("/study-sessions")
    public ResponseEntity<Map<String, String>> holdSession(@PathVariable String orgId,
                                                    @Valid @RequestBody SessionRequest request) {
        if (request.days().multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
            throw RecordRefused.invalid("study.invalid-days", "days",
                    "A session lasts a whole number of half days (0.5, 1, 1.5, …), not " + request.days());
        }
        List<String> attendeeIds = request.attendeeIds() == null ? List.of() : request.attendeeIds();
        if (new HashSet<>(attendeeIds).size() < attendeeIds.size()) {
            throw RecordRefused.invalid("study.duplicate-attendee-ids", "attendeeIds", "Lists a member more than once");
        }
        if (attendeeIds.size() > request.attendees()) {
            throw RecordRefused.invalid("study.too-many-attendee-ids", "attendeeIds",
                    "Lists more attendees than the " + request.attendees() + " who attended");
        }
        participants.resolve(orgId, request.campaignId());
        String recordId = RecordId.of(orgId, request.campaignId());
        String sessionId = ClientIds.newId();
        commands.sendAndWait(new RecordStudySession(recordId, sessionId, orgId, request.campaignId(), request.date(),
                request.days().doubleValue(), request.format(), request.readings(), request.attendees(),
                attendeeIds));
        return Created.fact(sessionId, recordId, orgId, request.campaignId());
    }

    @PostMapping("/study-notes")
    public ResponseEntity<Map<String, String>> recordNote(@PathVariable String orgId,
                                                   @Valid @RequestBody NoteRequest request) {
        LocalDate today = participants.today();
        LocalDate date = request.date() == null ? today : request.date();
        if (date.isAfter(today)) {
            throw RecordRefused.invalid("note.future-date", "date", "A note is recorded for today or a past day, not "
                    + date);
        }
        participants.resolve(orgId, request.campaignId());
        String memberBranch = participants.branchOf(request.memberId(), date, "memberId").orElse(null);
        String recordId = RecordId.of(orgId, request.campaignId());
        String noteId = ClientIds.newId();
        commands.sendAndWait(new RecordStudyNote(recordId, noteId, orgId, request.campaignId(), request.memberId(),
                request.kind(), date, memberBranch));
        return Created.fact(noteId, recordId, orgId, request.campaignId());
    }
}
