package org.jingzhun.rectification.specialrectification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.platform.axon.SnapshotConfiguration;

/** A special rectification: launched once; problems refer to it by id. */
// Public: the bean definitions Spring AOT generates for it (in Axon's packages, at build time) name this class.
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER, cache = SnapshotConfiguration.CACHE)
@Revision("1")
public class SpecialRectification {

    @AggregateIdentifier
    private String specialRectificationId;

    SpecialRectification() {
        // for Axon
    }

    @CommandHandler
    SpecialRectification(LaunchSpecialRectification command) {
        apply(new SpecialRectificationLaunched(command.specialRectificationId(), command.campaignId(),
                command.title(), command.scope(), command.organizationId()));
    }

    @EventSourcingHandler
    void on(SpecialRectificationLaunched event) {
        specialRectificationId = event.specialRectificationId();
    }
}
