package org.jingzhun.rectification.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/problems")
class ProblemController {

    record LogRequest(@NotBlank @Size(max = 100) String orgId, @NotBlank @Size(max = 100) String campaignId,
                      @NotNull FocusArea focusArea, @NotNull ProblemSource source,
                      @Size(max = 100) String specialRectificationId,
                      @NotBlank @Size(max = 4000) String description, @NotBlank @Size(max = 200) String owner,
                      @NotBlank String deadline) {
    }

    record AttachmentRequest(@NotBlank @Size(max = 300) String name,
                             @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
                             String sha256) {
    }

    record RectifyRequest(@NotBlank @Size(max = 4000) String evidence,
                          @Size(max = 50) List<@Valid @NotNull AttachmentRequest> attachments) {
    }

    private final CommandGateway commands;
    private final ProblemProjection problems;
    private final JingzhunProperties jingzhun;

    ProblemController(CommandGateway commands, ProblemProjection problems, JingzhunProperties jingzhun) {
        this.commands = commands;
        this.problems = problems;
        this.jingzhun = jingzhun;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> log(@Valid @RequestBody LogRequest request) {
        var deadline = Deadline.parse(request.deadline(), jingzhun.timeZone(), "deadline");
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new LogProblem(id, request.orgId(), request.campaignId(), request.focusArea(),
                request.source(), request.specialRectificationId(), request.description().strip(),
                request.owner().strip(), deadline));
        return ResponseEntity.created(URI.create("/api/problems/" + id)).body(Map.of("id", id));
    }

    @PostMapping("/{id}/rectify")
    ResponseEntity<Map<String, String>> rectify(@PathVariable String id, @Valid @RequestBody RectifyRequest request) {
        List<Attachment> attachments = request.attachments() == null ? List.of()
                : request.attachments().stream().map(a -> new Attachment(a.name(), a.sha256())).toList();
        commands.sendAndWait(new RectifyProblem(id, request.evidence().strip(), attachments));
        return ResponseEntity.ok(Map.of("id", id));
    }

    @GetMapping("/{id}")
    ProblemView get(@PathVariable String id) {
        return problems.find(id).orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND,
                "problem.not-found", "id", "No problem " + id));
    }
}
