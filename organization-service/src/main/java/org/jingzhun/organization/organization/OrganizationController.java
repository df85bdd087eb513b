package org.jingzhun.organization.organization;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.organization.Page;
import org.jingzhun.organization.organization.OrganizationCommands.AmendOrganization;
import org.jingzhun.organization.organization.OrganizationCommands.DissolveOrganization;
import org.jingzhun.organization.organization.OrganizationCommands.RegisterOrganization;
import org.jingzhun.platform.security.Scope;
import org.jingzhun.platform.web.ClientIds;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/organizations")
class OrganizationController {

    private static final String NAME_PATTERN = ".*\\S.*";

    record RegisterRequest(@Pattern(regexp = ClientIds.PATTERN, message = ClientIds.MESSAGE) String id, @NotBlank @Size(max = 200) String name, @NotNull Tier tier, @NotNull Sector sector,
                           @Size(max = 100) String parentId) {
    }

    record AmendRequest(@Size(min = 1, max = 200) @Pattern(regexp = NAME_PATTERN, message = "must not be blank")
                        String name, Tier tier, Sector sector) {
    }

    private final CommandGateway commands;
    private final OrganizationQueries organizations;
    private final Scope scope;

    OrganizationController(CommandGateway commands, OrganizationQueries organizations, Scope scope) {
        this.commands = commands;
        this.organizations = organizations;
        this.scope = scope;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterRequest request) {
        String id = ClientIds.orNew(request.id());
        // A secretary registers only under an organization of its subtree; roots are the county's.
        if (scope.root().isPresent()) {
            scope.check(blankToNull(request.parentId()));
        }
        commands.sendAndWait(new RegisterOrganization(id, request.name().strip(), request.tier(), request.sector(),
                blankToNull(request.parentId())));
        return ResponseEntity.created(URI.create("/api/organizations/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/{id}")
    OrganizationView get(@PathVariable String id) {
        scope.check(id);
        return organizations.find(id).orElseThrow(() -> notFound(id));
    }

    @GetMapping
    Page<OrganizationView> list(@RequestParam(required = false) Tier tier,
                                @RequestParam(required = false) Sector sector,
                                @RequestParam(required = false) String parentId,
                                @RequestParam(defaultValue = "false") boolean includeDissolved,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE)
                                int size) {
        return organizations.list(tier, sector, blankToNull(parentId), includeDissolved, scope.root().orElse(null),
                page, size);
    }

    @GetMapping("/{id}/subtree")
    Page<OrganizationView> subtree(@PathVariable String id,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE)
                                   int size) {
        scope.check(id);
        Page<OrganizationView> tree = organizations.subtree(id, page, size);
        if (tree.total() == 0) {
            throw notFound(id);
        }
        return tree;
    }

    @PatchMapping("/{id}")
    OrganizationView amend(@PathVariable String id, @Valid @RequestBody AmendRequest request) {
        if (request.name() == null && request.tier() == null && request.sector() == null) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "name",
                    "Give at least one of name, tier, sector");
        }
        scope.check(id);
        organizations.find(id).orElseThrow(() -> notFound(id));
        commands.sendAndWait(new AmendOrganization(id, request.name() == null ? null : request.name().strip(),
                request.tier(), request.sector()));
        return organizations.find(id).orElseThrow(() -> notFound(id));
    }

    @DeleteMapping("/{id}")
    OrganizationView dissolve(@PathVariable String id) {
        scope.check(id);
        organizations.find(id).orElseThrow(() -> notFound(id));
        commands.sendAndWait(new DissolveOrganization(id));
        return organizations.find(id).orElseThrow(() -> notFound(id));
    }

    private static RuleViolation notFound(String id) {
        return new RuleViolation(RuleViolation.Kind.NOT_FOUND, "organization.not-found", "id", "No organization " + id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
