package org.jingzhun.checklist.record;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/organizations/{orgId}")
public class HonorRoomVisitController {

    public record VisitRequest(@NotBlank @Size(max = 100) String campaignId, @NotNull LocalDate date,
                        @NotNull @Min(1) @Max(100_000) Integer visitors) {
    }

    private final CommandGateway commands;
    private final Participants participants;

    HonorRoomVisitController(CommandGateway commands, Participants participants) {
        this.commands = commands;
        this.participants = participants;
    }

    @PostMapping("/honor-room-visits")
    public ResponseEntity<Map<String, String>> visit(@PathVariable String orgId, @Valid @RequestBody VisitRequest request) {
        participants.resolve(orgId, request.campaignId());
        String recordId = RecordId.of(orgId, request.campaignId());
        commands.sendAndWait(new RecordHonorRoomVisit(recordId, orgId, request.campaignId(), request.date(),
                request.visitors()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", recordId));
    }
}
