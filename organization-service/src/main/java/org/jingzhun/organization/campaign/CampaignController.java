package org.jingzhun.organization.campaign;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.organization.Page;
import org.jingzhun.platform.web.ClientIds;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

    /** {@code plan} is optional: without it, version 1 of the campaign's plan is the source document's. */
    record LaunchRequest(@Pattern(regexp = ClientIds.PATTERN, message = ClientIds.MESSAGE) String id, @NotBlank @Size(max = 200) String name, @NotNull LocalDate startsOn,
                         @NotNull LocalDate endsOn, GuidancePlan plan) {
    }

    private final CommandGateway commands;
    private final CampaignProjection campaigns;

    CampaignController(CommandGateway commands, CampaignProjection campaigns) {
        this.commands = commands;
        this.campaigns = campaigns;
    }

    @PostMapping
    ResponseEntity<Map<String, String>> launch(@Valid @RequestBody LaunchRequest request) {
        String id = ClientIds.orNew(request.id());
        commands.sendAndWait(new LaunchCampaign(id, request.name().strip(), request.startsOn(), request.endsOn(),
                request.plan()));
        return ResponseEntity.created(URI.create("/api/campaigns/" + id)).body(Map.of("id", id));
    }

    @GetMapping
    Page<CampaignView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                            @RequestParam(defaultValue = "" + Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return campaigns.list(page, size);
    }

    @GetMapping("/{campaignId}")
    CampaignView get(@PathVariable String campaignId) {
        return campaigns.find(campaignId).orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND,
                "campaign.not-found", "campaignId", "No campaign " + campaignId));
    }
}
