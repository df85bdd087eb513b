package org.jingzhun.checklist.record;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.platform.web.ClientIds;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ChecklistController {

    public record CompletionRequest(@NotBlank @Size(max = 100) String campaignId, @NotNull LocalDate date,
                             @Size(max = 2000) String note) {
    }

    private final CommandGateway commands;
    private final Participants participants;

    ChecklistController(CommandGateway commands, Participants participants) {
        this.commands = commands;
        this.participants = participants;
    }

    @PostMapping("/api/organizations/{orgId}/checklist/{item}")
    public ResponseEntity<Map<String, String>> complete(@PathVariable String orgId, @PathVariable ChecklistItem item,
                                                 @Valid @RequestBody CompletionRequest request) {
        Participant participant = participants.resolve(orgId, request.campaignId());
        String recordId = RecordId.of(orgId, request.campaignId());
        String completionId = ClientIds.newId();
        String note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        commands.sendAndWait(new CompleteChecklistItem(recordId, completionId, request.campaignId(), participant, item,
                request.date(), note));
        return Created.fact(completionId, recordId, orgId, request.campaignId());
    }
}
