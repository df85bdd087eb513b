package org.jingzhun.rectification.problem;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.EnumSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.platform.axon.Actor;
import org.jingzhun.platform.axon.SnapshotConfiguration;

/**
 * A problem and its rectification: LOGGED → RECTIFYING → RECTIFIED → VERIFIED (销号), or from
 * RECTIFIED → REOPENED and around again; small problems may be rectified straight from LOGGED.
 * VERIFIED is final. Its deadline is a durable Axon deadline: when it passes before the problem is
 * rectified, {@link ProblemOverdue} is recorded, once per deadline. A deadline already passed when it is set
 * (a problem of last month logged today, a reopening or extension after the date) is recorded overdue at once,
 * in the same command: nothing to wait for, and no deadline job to run for it.
 */
// Public: the bean definitions Spring AOT generates for it (in Axon's packages, at build time) name this class.
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER, cache = SnapshotConfiguration.CACHE)
@Revision("1")
public class Problem {

    static final String DEADLINE = "problem-deadline";
    private static final EnumSet<ProblemStatus> OPEN =
            EnumSet.of(ProblemStatus.LOGGED, ProblemStatus.RECTIFYING, ProblemStatus.REOPENED);

    @AggregateIdentifier
    private String problemId;
    private String organizationId;
    private String campaignId;
    private ProblemStatus status;
    private Instant deadline;
    /** The deadline whose passing was recorded as {@link ProblemOverdue}, if any. */
    private Instant overdueDeadline;

    Problem() {
        // for Axon
    }

    @CommandHandler
    Problem(LogProblem command, DeadlineManager deadlines) {
        apply(new ProblemLogged(command.problemId(), command.organizationId(), command.campaignId(),
                command.focusArea(), command.source(), command.specialRectificationId(), command.description(),
                command.owner(), command.deadline()));
        // Not through watch: within the constructor, Axon applies the events to the new problem only after it.
        if (passed(command.deadline())) {
            apply(new ProblemOverdue(command.problemId(), command.organizationId(), command.campaignId(),
                    command.deadline()));
        } else {
            deadlines.schedule(command.deadline(), DEADLINE, new DeadlinePassed(command.deadline()));
        }
    }

    @CommandHandler
    void handle(SetRectificationMeasures command) {
        requireOpen("set measures for");
        apply(new RectificationMeasuresSet(problemId, organizationId, campaignId, command.measures()));
    }

    @CommandHandler
    void handle(RectifyProblem command) {
        requireOpen("rectify");
        apply(new ProblemRectified(problemId, organizationId, campaignId, command.evidence(), command.attachments()));
    }

    @CommandHandler
    void handle(VerifyRectification command,
                @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        require("verify", ProblemStatus.RECTIFIED);
        apply(new RectificationVerified(problemId, organizationId, campaignId, actor == null ? Actor.SYSTEM : actor,
                command.comment()));
    }

    @CommandHandler
    void handle(ReopenProblem command, DeadlineManager deadlines) {
        require("reopen", ProblemStatus.RECTIFIED);
        apply(new ProblemReopened(problemId, organizationId, campaignId, command.reason()));
        if (!deadline.equals(overdueDeadline)) {
            // Its deadline may have passed while it counted as rectified: look again (at once if it has).
            watch(deadline, deadlines);
        }
    }

    @CommandHandler
    void handle(ExtendDeadline command, DeadlineManager deadlines) {
        requireOpen("extend the deadline of");
        if (!command.deadline().isAfter(deadline)) {
            throw new DeadlineNotLater(deadline, command.deadline());
        }
        apply(new ProblemDeadlineExtended(problemId, organizationId, campaignId, deadline, command.deadline(),
                command.reason()));
        // The earlier deadline stays scheduled and is ignored when it fires: it is not the deadline any more.
        watch(command.deadline(), deadlines);
    }

    /**
     * Schedules a look at {@code due} when it passes, or looks now when it has: by the clock that dates this
     * command's events (Axon's message clock), so ProblemOverdue is never dated before its deadline.
     */
    private void watch(Instant due, DeadlineManager deadlines) {
        if (passed(due)) {
            on(new DeadlinePassed(due));
        } else {
            deadlines.schedule(due, DEADLINE, new DeadlinePassed(due));
        }
    }

    private static boolean passed(Instant due) {
        return !due.isAfter(GenericEventMessage.clock.instant());
    }

    /** Fires at a deadline scheduled above; also after a restart if the service was down at that moment. */
    @DeadlineHandler(deadlineName = DEADLINE)
    void on(DeadlinePassed passed) {
        boolean current = passed.deadline().equals(deadline);
        if (current && !status.countsAsRectified() && !deadline.equals(overdueDeadline)) {
            apply(new ProblemOverdue(problemId, organizationId, campaignId, deadline));
        }
    }

    private void requireOpen(String action) {
        if (!OPEN.contains(status)) {
            throw new IllegalTransition(action, status);
        }
    }

    private void require(String action, ProblemStatus expected) {
        if (status != expected) {
            throw new IllegalTransition(action, status);
        }
    }

    @EventSourcingHandler
    void on(ProblemLogged event) {
        problemId = event.problemId();
        organizationId = event.organizationId();
        campaignId = event.campaignId();
        deadline = event.deadline();
        status = ProblemStatus.LOGGED;
    }

    @EventSourcingHandler
    void on(RectificationMeasuresSet event) {
        status = ProblemStatus.RECTIFYING;
    }

    @EventSourcingHandler
    void on(ProblemRectified event) {
        status = ProblemStatus.RECTIFIED;
    }

    @EventSourcingHandler
    void on(RectificationVerified event) {
        status = ProblemStatus.VERIFIED;
    }

    @EventSourcingHandler
    void on(ProblemReopened event) {
        status = ProblemStatus.REOPENED;
    }

    @EventSourcingHandler
    void on(ProblemDeadlineExtended event) {
        deadline = event.deadline();
    }

    @EventSourcingHandler
    void on(ProblemOverdue event) {
        overdueDeadline = event.deadline();
    }
}
