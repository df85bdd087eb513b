package org.jingzhun.organization.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.organization.Page;
import org.jingzhun.organization.member.MemberCommands.EnrolMember;
import org.jingzhun.organization.member.MemberCommands.LeaveMember;
import org.jingzhun.organization.member.MemberCommands.RecategorizeMember;
import org.jingzhun.organization.member.MemberCommands.TransferMember;
import org.jingzhun.platform.security.Scope;
import org.jingzhun.platform.web.ClientIds;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MemberController {

    public record EnrolRequest(@Pattern(regexp = ClientIds.PATTERN, message = ClientIds.MESSAGE) String id, @NotNull MemberField field, @NotNull MemberOccupation occupation, @NotNull MemberStatus status,
                        @Size(max = 100) String displayName) {
    }

    record RecategorizeRequest(MemberField field, MemberOccupation occupation, MemberStatus status) {
    }

    record TransferRequest(@NotBlank @Size(max = 100) String toOrganizationId) {
    }

    private final CommandGateway commands;
    private final MemberProjection members;
    private final Scope scope;

    MemberController(CommandGateway commands, MemberProjection members, Scope scope) {
        this.commands = commands;
        this.members = members;
        this.scope = scope;
    }

    @PostMapping("/api/organizations/{organizationId}/members")
    public ResponseEntity<Map<String, String>> enrol(@PathVariable String organizationId,
                                              @Valid @RequestBody EnrolRequest request) {
        scope.check(organizationId);
        String id = ClientIds.orNew(request.id());
        String name = request.displayName() == null || request.displayName().isBlank() ? null : request.displayName().strip();
        commands.sendAndWait(new EnrolMember(id, organizationId, request.field(), request.occupation(), request.status(),
                name));
        return ResponseEntity.created(URI.create("/api/members/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/api/organizations/{organizationId}/members")
    Page<MemberView> ofOrganization(@PathVariable String organizationId,
                                    @RequestParam(defaultValue = "0") @Min(0) int page,
                                    @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE)
                                    int size) {
        scope.check(organizationId);
        return members.ofOrganization(organizationId, page, size);
    }

    @GetMapping("/api/members/{memberId}")
    MemberView get(@PathVariable String memberId) {
        return inScope(memberId);
    }

    @PatchMapping("/api/members/{memberId}")
    MemberView recategorize(@PathVariable String memberId, @Valid @RequestBody RecategorizeRequest request) {
        if (request.field() == null && request.occupation() == null && request.status() == null) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "field",
                    "Give at least one of field, occupation, status");
        }
        inScope(memberId);
        commands.sendAndWait(new RecategorizeMember(memberId, request.field(), request.occupation(), request.status()));
        return get(memberId);
    }

    @PostMapping("/api/members/{memberId}/transfer")
    MemberView transfer(@PathVariable String memberId, @Valid @RequestBody TransferRequest request) {
        inScope(memberId);
        scope.check(request.toOrganizationId().strip());
        commands.sendAndWait(new TransferMember(memberId, request.toOrganizationId().strip()));
        return get(memberId);
    }

    @PostMapping("/api/members/{memberId}/leave")
    MemberView leave(@PathVariable String memberId) {
        inScope(memberId);
        commands.sendAndWait(new LeaveMember(memberId));
        return get(memberId);
    }

    /** The member, if its organization is within the caller's subtree (403 otherwise, 404 when unknown). */
    private MemberView inScope(String memberId) {
        MemberView member = members.find(memberId).orElseThrow(() -> notFound(memberId));
        scope.check(member.organizationId());
        return member;
    }

    private static RuleViolation notFound(String memberId) {
        return new RuleViolation(RuleViolation.Kind.NOT_FOUND, "member.not-found", "memberId", "No member " + memberId);
    }
}
