package org.jingzhun.rectification.problem;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.security.Scope;
import org.jingzhun.platform.web.ClientIds;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.rectification.Page;
import org.jingzhun.rectification.RegistryChecks;
import org.jingzhun.rectification.specialrectification.SpecialRectificationView;
import org.jingzhun.rectification.specialrectification.SpecialRectifications;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/problems")
public class ProblemController {

    public record LogRequest(@Pattern(regexp = ClientIds.PATTERN, message = ClientIds.MESSAGE) String id, @NotBlank @Size(max = 100) String orgId, @NotBlank @Size(max = 100) String campaignId,
                      @NotNull FocusArea focusArea, @NotNull ProblemSource source,
                      @Size(max = 100) String specialRectificationId,
                      @NotBlank @Size(max = 4000) String description, @NotBlank @Size(max = 200) String owner,
                      @NotBlank @Size(max = 64) String deadline) {
    }

    record MeasureRequest(@NotBlank @Size(max = 2000) String description, @NotNull LocalDate due) {
    }

    record MeasuresRequest(@NotEmpty @Size(max = 50) List<@Valid @NotNull MeasureRequest> measures) {
    }

    public record AttachmentRequest(@NotBlank @Size(max = 300) String name,
                             @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
                             String sha256) {
    }

    public record RectifyRequest(@NotBlank @Size(max = 4000) String evidence,
                          @Size(max = 50) List<@Valid @NotNull AttachmentRequest> attachments) {
    }

    record VerifyRequest(@Size(max = 2000) String comment) {
    }

    record ReopenRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    record DeadlineRequest(@NotBlank @Size(max = 64) String deadline, @NotBlank @Size(max = 2000) String reason) {
    }

    private final CommandGateway commands;
    private final ProblemQueries problems;
    private final RegistryChecks registry;
    private final SpecialRectifications specialRectifications;
    private final JingzhunProperties jingzhun;
    private final Scope scope;

    ProblemController(CommandGateway commands, ProblemQueries problems, RegistryChecks registry,
                      SpecialRectifications specialRectifications, JingzhunProperties jingzhun, Scope scope) {
        this.scope = scope;
        this.commands = commands;
        this.problems = problems;
        this.registry = registry;
        this.specialRectifications = specialRectifications;
        this.jingzhun = jingzhun;
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> log(@Valid @RequestBody LogRequest request) {
        Instant deadline = Deadline.parse(request.deadline(), jingzhun.timeZone(), "deadline");
        scope.check(request.orgId());
        registry.activeOrganization(request.orgId(), "orgId");
        registry.campaign(request.campaignId(), "campaignId");
        String specialRectificationId = blankToNull(request.specialRectificationId());
        if (specialRectificationId != null) {
            requireSpecialRectificationOf(request.campaignId(), specialRectificationId);
        }
        String id = ClientIds.orNew(request.id());
        commands.sendAndWait(new LogProblem(id, request.orgId(), request.campaignId(), request.focusArea(),
                request.source(), specialRectificationId, request.description().strip(),
                request.owner().strip(), deadline));
        return ResponseEntity.created(URI.create("/api/problems/" + id)).body(Map.of("id", id));
    }

    @PostMapping("/{id}/measures")
    ProblemView setMeasures(@PathVariable String id, @Valid @RequestBody MeasuresRequest request) {
        checkScope(id);
        List<Measure> measures = request.measures().stream()
                .map(m -> new Measure(m.description().strip(), m.due())).toList();
        commands.sendAndWait(new SetRectificationMeasures(id, measures));
        return get(id);
    }

    @PostMapping("/{id}/rectify")
    public ProblemView rectify(@PathVariable String id, @Valid @RequestBody RectifyRequest request) {
        checkScope(id);
        List<Attachment> attachments = request.attachments() == null ? List.of()
                : request.attachments().stream().map(a -> new Attachment(a.name(), a.sha256())).toList();
        commands.sendAndWait(new RectifyProblem(id, request.evidence().strip(), attachments));
        return get(id);
    }

    /** The sign-off (销号) is the supervising level's: a county administrator's (see the access rules). */
    @PostMapping("/{id}/verify")
    ProblemView verify(@PathVariable String id, @Valid @RequestBody(required = false) VerifyRequest request) {
        String comment = request == null ? null : blankToNull(request.comment());
        commands.sendAndWait(new VerifyRectification(id, comment));
        return get(id);
    }

    @PostMapping("/{id}/reopen")
    ProblemView reopen(@PathVariable String id, @Valid @RequestBody ReopenRequest request) {
        checkScope(id);
        commands.sendAndWait(new ReopenProblem(id, request.reason().strip()));
        return get(id);
    }

    @PostMapping("/{id}/deadline")
    ProblemView extendDeadline(@PathVariable String id, @Valid @RequestBody DeadlineRequest request) {
        checkScope(id);
        Instant deadline = Deadline.parse(request.deadline(), jingzhun.timeZone(), "deadline");
        commands.sendAndWait(new ExtendDeadline(id, deadline, request.reason().strip()));
        return get(id);
    }

    /** The organization a problem belongs to: the inbox checks it against the CloudEvent's {@code orgId}. */
    public String organizationOf(String id) {
        return get(id).organizationId();
    }

    @GetMapping("/{id}")
    ProblemView get(@PathVariable String id) {
        ProblemView problem = problems.find(id).orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND,
                "problem.not-found", "id", "No problem " + id));
        scope.check(problem.organizationId());
        return problem;
    }

    /** A secretary acts only on problems of its subtree; an unknown problem is left to the command (404). */
    private void checkScope(String problemId) {
        problems.find(problemId).ifPresent(problem -> scope.check(problem.organizationId()));
    }

    @GetMapping
    Page<ProblemView> list(@RequestParam(required = false) String orgId,
                           @RequestParam(required = false) String campaignId,
                           @RequestParam(required = false) ProblemStatus status,
                           @RequestParam(required = false) Boolean overdue,
                           @RequestParam(required = false) Boolean dueSoon,
                           @RequestParam(required = false) String specialRectificationId,
                           @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                           @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE)
                           int size) {
        if (orgId != null && !orgId.isBlank()) {
            scope.check(orgId.strip());
        }
        return problems.list(new ProblemQueries.Filter(blankToNull(orgId), blankToNull(campaignId), status, overdue,
                dueSoon, blankToNull(specialRectificationId)), scope.root().orElse(null), page, size);
    }

    private void requireSpecialRectificationOf(String campaignId, String specialRectificationId) {
        SpecialRectificationView special = specialRectifications.find(specialRectificationId)
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.UNPROCESSABLE,
                        "special-rectification.unknown", "specialRectificationId",
                        "No special rectification " + specialRectificationId));
        if (!special.campaignId().equals(campaignId)) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "special-rectification.other-campaign",
                    "specialRectificationId", "Special rectification " + specialRectificationId
                    + " belongs to campaign " + special.campaignId() + ", not " + campaignId);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
