package org.jingzhun.rectification.specialrectification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.platform.security.Scope;
import org.jingzhun.platform.web.ClientIds;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.rectification.Page;
import org.jingzhun.rectification.RegistryChecks;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/special-rectifications")
class SpecialRectificationController {

    record LaunchRequest(@Pattern(regexp = ClientIds.PATTERN, message = ClientIds.MESSAGE) String id,
                         @NotBlank @Size(max = 100) String campaignId, @NotBlank @Size(max = 200) String title,
                         @Size(max = 2000) String scope, @Size(max = 100) String orgId) {
    }

    private final CommandGateway commands;
    private final SpecialRectificationProjection views;
    private final RegistryChecks registry;
    private final Scope scope;

    SpecialRectificationController(CommandGateway commands, SpecialRectificationProjection views,
                                   RegistryChecks registry, Scope scope) {
        this.scope = scope;
        this.commands = commands;
        this.views = views;
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> launch(@Valid @RequestBody LaunchRequest request) {
        registry.campaign(request.campaignId(), "campaignId");
        String organizationId = blankToNull(request.orgId());
        // A county-wide special rectification is the county's; a secretary launches one for its subtree.
        if (organizationId == null) {
            scope.requireCountyWide();
        } else {
            scope.check(organizationId);
        }
        if (organizationId != null) {
            registry.activeOrganization(organizationId, "orgId");
        }
        String id = ClientIds.orNew(request.id());
        commands.sendAndWait(new LaunchSpecialRectification(id, request.campaignId(), request.title().strip(),
                blankToNull(request.scope()), organizationId));
        return ResponseEntity.created(URI.create("/api/special-rectifications/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/{id}")
    SpecialRectificationView get(@PathVariable String id) {
        return views.find(id).orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND,
                "special-rectification.not-found", "id", "No special rectification " + id));
    }

    /** All of a campaign's (or every campaign's) special rectifications: a county runs a handful, bounded anyway. */
    @GetMapping
    Page<SpecialRectificationView> list(@RequestParam(required = false) String campaignId) {
        List<SpecialRectificationView> items = views.list(blankToNull(campaignId), Page.MAX_SIZE);
        return new Page<>(items, 0, Page.MAX_SIZE, items.size());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
