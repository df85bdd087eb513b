package org.jingzhun.rectification.problem;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.EnumSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;

@Aggregate
class Problem {

    @AggregateIdentifier
    private String problemId;
    private String organizationId;
    private String campaignId;
    private ProblemStatus status;

    Problem() {
        // for Axon
    }

    @CommandHandler
    Problem(LogProblem command) {
        apply(new ProblemLogged(command.problemId(), command.organizationId(), command.campaignId(),
                command.focusArea(), command.source(), command.specialRectificationId(), command.description(),
                command.owner(), command.deadline()));
    }

    @CommandHandler
    void handle(RectifyProblem command) {
        // Small problems may be rectified straight from LOGGED.
        if (!EnumSet.of(ProblemStatus.LOGGED, ProblemStatus.RECTIFYING, ProblemStatus.REOPENED).contains(status)) {
            throw new IllegalTransition("rectify", status);
        }
        apply(new ProblemRectified(problemId, organizationId, campaignId, command.evidence(), command.attachments()));
    }

    @EventSourcingHandler
    void on(ProblemLogged event) {
        problemId = event.problemId();
        organizationId = event.organizationId();
        campaignId = event.campaignId();
        status = ProblemStatus.LOGGED;
    }

    @EventSourcingHandler
    void on(ProblemRectified event) {
        status = ProblemStatus.RECTIFIED;
    }
}
