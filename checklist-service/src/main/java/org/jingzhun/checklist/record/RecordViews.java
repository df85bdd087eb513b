package org.jingzhun.checklist.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyDays;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.platform.axon.Actor;
import org.jingzhun.platform.registry.OrganizationRegistry.OrganizationInfo;
import org.springframework.stereotype.Component;

/**
 * Builds an organization's {@link RecordView} from its record's own events in the event store. The
 * record is one aggregate, so its stream is the whole answer: always as current as the last command
 * that returned (a client reads its own writes), never in need of a rebuild, and as cheap as the
 * aggregate loading it anyway does for each command.
 */
@Component
class RecordViews {

    private final EventStore events;

    RecordViews(EventStore events) {
        this.events = events;
    }

    /** The record of an organization in a campaign; {@code requirements}: what the plan in force asks of it. */
    RecordView of(OrganizationInfo organization, String campaignId, Requirements requirements) {
        Folder folder = new Folder(requirements);
        // From the first event, not from a snapshot: the view lists every fact, the aggregate keeps only its guards.
        events.readEvents(RecordId.of(organization.id(), campaignId), 0).asStream().forEach(folder::add);
        return new RecordView(organization.id(), campaignId,
                new RecordView.Organization(organization.name(), organization.tier(), organization.sector(),
                        organization.dissolved()),
                folder.study(), folder.notes(), folder.honorRoom(), folder.research(),
                folder.checklist(organization.tier()));
    }

    /** Collects the events of one record, then answers each part of the view. */
    private static final class Folder {
        private final Requirements requirements;
        private final List<RecordView.Session> sessions = new ArrayList<>();
        private final List<RecordView.Note> notes = new ArrayList<>();
        private final List<RecordView.Visit> visits = new ArrayList<>();
        private final List<RecordView.Piece> research = new ArrayList<>();
        private final Map<ChecklistItem, List<RecordView.Completion>> completions = new EnumMap<>(ChecklistItem.class);

        Folder(Requirements requirements) {
            this.requirements = requirements;
        }

        void add(DomainEventMessage<?> message) {
            Instant at = message.getTimestamp();
            String by = Objects.toString(message.getMetaData().get(Actor.META_DATA_KEY), null);
            Object payload = message.getPayload();
            if (payload instanceof StudySessionHeld e) {
                sessions.add(new RecordView.Session(e.sessionId(), e.date(), e.days(), e.format(), e.readings(),
                        e.attendees(), e.attendeeIds(), at, by));
            } else if (payload instanceof StudyNoteRecorded e) {
                notes.add(new RecordView.Note(e.noteId(), e.memberId(), e.kind(), e.date(), at, by));
            } else if (payload instanceof HonorRoomVisited e) {
                visits.add(new RecordView.Visit(e.date(), e.visitors(), at, by));
            } else if (payload instanceof ResearchSubmitted e) {
                research.add(new RecordView.Piece(e.researchId(), e.kind(), e.title(), e.memberId(), e.date(), at, by));
            } else if (payload instanceof ChecklistItemCompleted e) {
                completions.computeIfAbsent(e.item(), item -> new ArrayList<>())
                        .add(new RecordView.Completion(e.completionId(), e.date(), e.note(), at, by));
            }
        }

        RecordView.Study study() {
            List<StudyFormat> counted = requirements.study().formats();
            Map<String, Double> byMonth = new TreeMap<>();
            Map<String, Double> countedByMonth = new TreeMap<>();
            double days = 0;
            for (RecordView.Session session : sessions) {
                days += session.days();
                boolean counts = counted.isEmpty() || counted.contains(session.format());
                StudyDays.spread(session.date(), session.days()).forEach((day, part) -> {
                    String month = YearMonth.from(day).toString();
                    byMonth.merge(month, part, Double::sum);
                    if (counts) {
                        countedByMonth.merge(month, part, Double::sum);
                    }
                });
            }
            return new RecordView.Study(sessions.size(), days, byMonth, counted, countedByMonth, sessions);
        }

        RecordView.Notes notes() {
            Map<StudyNoteKind, Integer> byKind = new EnumMap<>(StudyNoteKind.class);
            Arrays.stream(StudyNoteKind.values()).forEach(kind -> byKind.put(kind, 0));
            notes.forEach(note -> byKind.merge(note.kind(), 1, Integer::sum));
            int members = new HashSet<>(notes.stream().map(RecordView.Note::memberId).toList()).size();
            return new RecordView.Notes(notes.size(), members, byKind, notes);
        }

        RecordView.HonorRoom honorRoom() {
            return new RecordView.HonorRoom(visits.size(),
                    visits.stream().mapToLong(RecordView.Visit::visitors).sum(), visits);
        }

        RecordView.Research research() {
            Map<ResearchKind, Integer> byKind = new EnumMap<>(ResearchKind.class);
            Arrays.stream(ResearchKind.values()).forEach(kind -> byKind.put(kind, 0));
            research.forEach(piece -> byKind.merge(piece.kind(), 1, Integer::sum));
            List<ResearchKind> mayFile = Arrays.stream(ResearchKind.values()).filter(requirements::mayFile).toList();
            return new RecordView.Research(research.size(), byKind, mayFile, research);
        }

        RecordView.Checklist checklist(Tier tier) {
            boolean kept = tier == Tier.BRANCH;
            List<RecordView.Item> items = new ArrayList<>();
            for (ChecklistItem item : ChecklistItem.values()) {
                List<RecordView.Completion> done = completions.getOrDefault(item, List.of());
                if (!kept && done.isEmpty()) {
                    continue;
                }
                LocalDate first = done.stream().map(RecordView.Completion::date)
                        .min(Comparator.naturalOrder()).orElse(null);
                items.add(new RecordView.Item(item, requirements.checklistFrequency(item).orElse(null),
                        !done.isEmpty(), first, done));
            }
            int itemsDone = (int) items.stream().filter(RecordView.Item::done).count();
            int completionCount = completions.values().stream().mapToInt(List::size).sum();
            return new RecordView.Checklist(kept, itemsDone, completionCount,
                    itemsDone == ChecklistItem.values().length, items);
        }
    }
}
