package org.jingzhun.checklist.record;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyDays;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.platform.axon.SnapshotConfiguration;

/**
 * What one organization did in one campaign. Created by its first recorded fact. It guards what
 * depends on its own history (a concentrated study day is held once, a once-only checklist item is
 * done once); what depends on the registry or the plan arrives in the command, resolved by the caller.
 */
// Public: the bean definitions Spring AOT generates for it (in Axon's packages, at build time) name this class.
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER, cache = SnapshotConfiguration.CACHE)
@Revision("1")
public class CampaignRecord {

    @AggregateIdentifier
    private String recordId;
    /** Each calendar day a concentrated session covers, with that session's first day. */
    private final Map<LocalDate, LocalDate> concentratedDays = new HashMap<>();
    /** Each checklist item done, with the day it was first done. */
    private final Map<ChecklistItem, LocalDate> itemsDone = new EnumMap<>(ChecklistItem.class);

    CampaignRecord() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordStudySession command) {
        if (!StudyDays.isValidLength(command.days())) {
            throw RecordRefused.invalid("study.invalid-days", "days",
                    "A session lasts a positive number of half days (0.5, 1, 1.5, …), not " + command.days());
        }
        if (command.attendees() < 1) {
            throw RecordRefused.invalid("study.no-attendees", "attendees", "A session has at least one attendee");
        }
        if (command.attendeeIds().size() > command.attendees()) {
            throw RecordRefused.invalid("study.too-many-attendee-ids", "attendeeIds",
                    "Lists more attendees than the " + command.attendees() + " who attended");
        }
        if (command.format() == StudyFormat.CONCENTRATED) {
            List<LocalDate> taken = StudyDays.spread(command.date(), command.days()).keySet().stream()
                    .filter(concentratedDays::containsKey).sorted().toList();
            if (!taken.isEmpty()) {
                throw RecordRefused.conflict("study.concentrated-day-taken", "date", "A concentrated session held from "
                        + concentratedDays.get(taken.get(0)) + " already covers " + taken
                        + "; one organization holds one concentrated session a day");
            }
        }
        apply(new StudySessionHeld(command.recordId(), command.sessionId(), command.organizationId(),
                command.campaignId(), command.date(), command.days(), command.format(), command.readings(),
                command.attendees(), command.attendeeIds()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordStudyNote command) {
        if (!command.organizationId().equals(command.memberBranch())) {
            throw RecordRefused.unprocessable("note.not-a-member", "memberId", "Member " + command.memberId()
                    + " did not belong to organization " + command.organizationId() + " on " + command.date()
                    + (command.memberBranch() == null ? "" : " but to " + command.memberBranch()));
        }
        apply(new StudyNoteRecorded(command.recordId(), command.noteId(), command.organizationId(),
                command.campaignId(), command.memberId(), command.kind(), command.date()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordHonorRoomVisit command) {
        if (command.visitors() < 1) {
            throw RecordRefused.invalid("visit.no-visitors", "visitors", "A visit has at least one visitor");
        }
        apply(new HonorRoomVisited(command.recordId(), command.organizationId(), command.campaignId(),
                command.date(), command.visitors()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SubmitResearch command) {
        ResearchPolicy.check(command);
        apply(new ResearchSubmitted(command.recordId(), command.researchId(),
                command.participant().organizationId(), command.campaignId(), command.kind(), command.title(),
                command.memberId(), command.date()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CompleteChecklistItem command) {
        ChecklistFrequency frequency = ChecklistPolicy.frequency(command);
        LocalDate firstDone = itemsDone.get(command.item());
        if (frequency == ChecklistFrequency.ONCE && firstDone != null) {
            throw RecordRefused.conflict("checklist.already-done", "item", command.item() + " was done on "
                    + firstDone + "; the plan asks for it once");
        }
        apply(new ChecklistItemCompleted(command.recordId(), command.completionId(),
                command.participant().organizationId(), command.campaignId(), command.item(), command.date(),
                command.note()));
    }

    @EventSourcingHandler
    void on(StudySessionHeld event) {
        recordId = event.recordId();
        if (event.format() == StudyFormat.CONCENTRATED) {
            StudyDays.spread(event.date(), event.days()).keySet()
                    .forEach(day -> concentratedDays.putIfAbsent(day, event.date()));
        }
    }

    @EventSourcingHandler
    void on(StudyNoteRecorded event) {
        recordId = event.recordId();
    }

    @EventSourcingHandler
    void on(HonorRoomVisited event) {
        recordId = event.recordId();
    }

    @EventSourcingHandler
    void on(ResearchSubmitted event) {
        recordId = event.recordId();
    }

    @EventSourcingHandler
    void on(ChecklistItemCompleted event) {
        recordId = event.recordId();
        itemsDone.merge(event.item(), event.date(), (first, later) -> later.isBefore(first) ? later : first);
    }
}
