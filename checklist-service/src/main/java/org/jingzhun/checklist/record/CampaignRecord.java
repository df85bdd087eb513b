package org.jingzhun.checklist.record;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.platform.web.RuleViolation;

/** What one organization did in one campaign. Created by its first recorded fact. */
@Aggregate
class CampaignRecord {

    @AggregateIdentifier
    private String recordId;

    CampaignRecord() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordHonorRoomVisit command) {
        if (command.visitors() < 1) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "visit.no-visitors", "visitors",
                    "A visit has at least one visitor");
        }
        apply(new HonorRoomVisited(command.recordId(), command.organizationId(), command.campaignId(),
                command.date(), command.visitors()));
    }

    @EventSourcingHandler
    void on(HonorRoomVisited event) {
        recordId = event.recordId();
    }
}
