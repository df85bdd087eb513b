package org.jingzhun.checklist.record;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.platform.web.ClientIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ResearchController {

    /**
     * {@code memberId}: the author, optional; {@code date}: the day it was filed, today (in the county)
     * when absent.
     */
    public record ResearchRequest(@NotBlank @Size(max = 100) String campaignId, @NotNull ResearchKind kind,
                           @NotBlank @Size(max = 500) String title,
                           @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
                           String memberId,
                           LocalDate date) {
    }

    private final CommandGateway commands;
    private final Participants participants;

    ResearchController(CommandGateway commands, Participants participants) {
        this.commands = commands;
        this.participants = participants;
    }

    @PostMapping("/api/organizations/{orgId}/research")
    public ResponseEntity<Map<String, String>> submit(@PathVariable String orgId,
                                               @Valid @RequestBody ResearchRequest request) {
        LocalDate today = participants.today();
        LocalDate date = request.date() == null ? today : request.date();
        if (date.isAfter(today)) {
            throw RecordRefused.invalid("research.future-date", "date", "Research is filed today or on a past day, not "
                    + date);
        }
        Participant participant = participants.resolve(orgId, request.campaignId());
        String authorBranch = request.memberId() == null ? null
                : participants.branchOf(request.memberId(), date, "memberId").orElse(null);
        String recordId = RecordId.of(orgId, request.campaignId());
        String researchId = ClientIds.newId();
        commands.sendAndWait(new SubmitResearch(recordId, researchId, request.campaignId(), participant,
                request.kind(), request.title().strip(), request.memberId(), date, authorBranch));
        return Created.fact(researchId, recordId, orgId, request.campaignId());
    }
}
