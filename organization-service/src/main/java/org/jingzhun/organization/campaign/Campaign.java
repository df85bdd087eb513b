package org.jingzhun.organization.campaign;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.platform.axon.SnapshotConfiguration;
import org.jingzhun.platform.web.RuleViolation;

/** A campaign and the versions of its guidance plan: the plan's months must lie within its period. */
// Public: the bean definitions Spring AOT generates for it (in Axon's packages, at build time) name this class.
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER, cache = SnapshotConfiguration.CACHE)
@Revision("1")
public class Campaign {

    @AggregateIdentifier
    private String campaignId;
    private LocalDate startsOn;
    private LocalDate endsOn;
    private int planVersion;

    Campaign() {
        // for Axon
    }

    @CommandHandler
    Campaign(LaunchCampaign command) {
        if (command.endsOn().isBefore(command.startsOn())) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "campaign.period-reversed", "endsOn",
                    "endsOn " + command.endsOn() + " is before startsOn " + command.startsOn());
        }
        GuidancePlan plan = command.plan();
        if (plan == null) {
            plan = SourceDocumentPlan.forPeriod(command.startsOn(), command.endsOn());
        } else {
            // The launch request carries the plan in its field "plan"; errors name the path under it.
            new PlanValidator(command.startsOn(), command.endsOn()).validate(plan, "plan.");
        }
        apply(new CampaignLaunched(command.campaignId(), command.name(), command.startsOn(), command.endsOn()));
        apply(new GuidancePlanIssued(command.campaignId(), 1, command.startsOn(), command.endsOn(), plan));
    }

    @CommandHandler
    int handle(IssueGuidancePlan command) {
        // A PUT carries the plan as its whole body: paths start at the plan's own fields.
        new PlanValidator(startsOn, endsOn).validate(command.plan(), "");
        int version = planVersion + 1;
        apply(new GuidancePlanIssued(campaignId, version, startsOn, endsOn, command.plan()));
        return version;
    }

    @EventSourcingHandler
    void on(CampaignLaunched event) {
        campaignId = event.campaignId();
        startsOn = event.startsOn();
        endsOn = event.endsOn();
    }

    @EventSourcingHandler
    void on(GuidancePlanIssued event) {
        planVersion = event.version();
    }
}
