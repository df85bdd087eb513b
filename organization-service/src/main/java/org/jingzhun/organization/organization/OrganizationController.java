package org.jingzhun.organization.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/organizations")
class OrganizationController {

    record RegisterRequest(@NotBlank @Size(max = 200) String name, @NotNull Tier tier, @NotNull Sector sector,
                           @Size(max = 100) String parentId) {
    }

    private final CommandGateway commands;
    private final OrganizationProjection organizations;

    OrganizationController(CommandGateway commands, OrganizationProjection organizations) {
        this.commands = commands;
        this.organizations = organizations;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterRequest request) {
        if (request.parentId() != null && organizations.find(request.parentId()).isEmpty()) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "organization.unknown-parent", "parentId",
                    "No organization " + request.parentId());
        }
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterOrganization(id, request.name().strip(), request.tier(), request.sector(),
                request.parentId()));
        return ResponseEntity.created(URI.create("/api/organizations/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/{id}")
    OrganizationView get(@PathVariable String id) {
        return organizations.find(id).orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND,
                "organization.not-found", "id", "No organization " + id));
    }
}
