package org.jingzhun.organization.campaign;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.platform.web.RuleViolation;

@Aggregate
class Campaign {

    @AggregateIdentifier
    private String campaignId;

    Campaign() {
        // for Axon
    }

    @CommandHandler
    Campaign(LaunchCampaign command) {
        if (command.endsOn().isBefore(command.startsOn())) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "campaign.period-reversed", "endsOn",
                    "endsOn " + command.endsOn() + " is before startsOn " + command.startsOn());
        }
        apply(new CampaignLaunched(command.campaignId(), command.name(), command.startsOn(), command.endsOn()));
    }

    @EventSourcingHandler
    void on(CampaignLaunched event) {
        campaignId = event.campaignId();
    }
}
