package org.jingzhun.reporting.totals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.MemberRecategorized;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.platform.projection.ColumnArrays;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the tables behind the totals. Runs inside the projector's transaction, which already skips an
 * event id seen before; creating events are upserts anyway, so projecting the same fact twice changes
 * nothing. Every event applied is counted, with the latest event time. Each row keeps the recorded time
 * it holds from: facts their event's, changing rows a version per change in their {@code *_history} table
 * ({@link RowHistory}), so that any answer can be counted as of an instant from these tables alone.
 */
@Component
class TotalsProjection implements Projection {

    private final JdbcClient jdbc;
    private final HourlyRollUps rollUps;
    private final Map<Class<?>, BiConsumer<Object, ProjectedEvent>> handlers;

    TotalsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
        RegistryRows registry = new RegistryRows(jdbc);
        this.rollUps = new HourlyRollUps(jdbc);
        MemberRows members = new MemberRows(jdbc, rollUps);
        ActivityRows activity = new ActivityRows(jdbc, rollUps);
        ProblemRows problems = new ProblemRows(jdbc, rollUps);
        ChecklistRows checklist = new ChecklistRows(jdbc, rollUps);
        this.handlers = Map.ofEntries(
                on(CampaignLaunched.class, registry::campaignLaunched),
                on(GuidancePlanIssued.class, registry::guidancePlanIssued),
                on(OrganizationRegistered.class, registry::organizationRegistered),
                on(OrganizationRenamed.class, registry::organizationRenamed),
                on(OrganizationReclassified.class, registry::organizationReclassified),
                on(OrganizationDissolved.class, registry::organizationDissolved),
                on(MemberEnrolled.class, members::enrolled),
                on(MemberRecategorized.class, members::recategorized),
                on(MemberTransferred.class, members::transferred),
                on(MemberLeft.class, members::left),
                onEvent(HonorRoomVisited.class,
                        (visit, event) -> activity.honorRoomVisited(visit, event.eventId(), event.time())),
                on(StudySessionHeld.class, checklist::studySessionHeld),
                on(StudyNoteRecorded.class, checklist::studyNoteRecorded),
                on(ResearchSubmitted.class, checklist::researchSubmitted),
                on(ChecklistItemCompleted.class, checklist::checklistItemCompleted),
                on(ProblemLogged.class, activity::problemLogged),
                on(ProblemRectified.class, activity::problemRectified),
                on(SpecialRectificationLaunched.class, problems::specialRectificationLaunched),
                on(RectificationMeasuresSet.class, problems::measuresSet),
                on(RectificationVerified.class, problems::verified),
                on(ProblemReopened.class, problems::reopened),
                on(ProblemDeadlineExtended.class, problems::deadlineExtended),
                on(ProblemOverdue.class, problems::overdue));
    }

    /**
     * This projection for a rebuild's load into empty tables: it leaves the roll-ups ({@link HourlyRollUps}) out
     * until {@link #loaded}, which fills them from the loaded rows in one pass.
     */
    TotalsProjection deferringRollUps() {
        rollUps.defer();
        return this;
    }

    @Override
    public void loaded() {
        rollUps.fillFromRows();
    }

    @Override
    public void apply(ProjectedEvent event) {
        handle(event);
        count(List.of(event));
    }

    private void handle(ProjectedEvent event) {
        BiConsumer<Object, ProjectedEvent> handler = handlers.get(event.payload().getClass());
        if (handler == null) {
            throw UnprojectableEvent.unhandled(event.type());
        }
        handler.accept(event.payload(), event);
    }

    /**
     * What {@link #apply} of each event leaves, in a few statements: the facts set-based ({@link FactBatch}),
     * the changes of organization, member and problem rows set-based in rounds that keep each row's changes in
     * order ({@link ChangeBatch}), campaigns and guidance plans (a handful) one by one, and the counters once for
     * the batch.
     */
    @Override
    public void applyAll(List<ProjectedEvent> events) {
        FactBatch facts = new FactBatch();
        ChangeBatch changes = new ChangeBatch();
        for (ProjectedEvent event : events) {
            if (!facts.add(event) && !changes.add(event)) {
                handle(event);
            }
        }
        changes.write(jdbc, rollUps);
        facts.write(jdbc, rollUps);
        count(events);
    }

    /**
     * Counts the events, in one statement (the batch's times travel once; the three tables are written by
     * data-modifying {@code WITH} clauses, each carried out once whatever the main statement reads of it): the
     * events projected and the latest event time — GREATEST, not the last seen, as partitions interleave and event
     * times do not arrive in order —, and the same count over recorded time, by instant and by hour, for the totals
     * as of an instant (TotalsQuery.stats).
     */
    private void count(List<ProjectedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        ColumnArrays times = new ColumnArrays("at");
        events.forEach(event -> times.add(event.time()));
        jdbc.sql("""
                        WITH batch AS (SELECT CAST(t.at AS TIMESTAMPTZ) AS at FROM %s),
                        stats AS (
                            UPDATE projection_stats
                            SET events_projected = events_projected + (SELECT count(*) FROM batch),
                                last_event_at = GREATEST(last_event_at, (SELECT max(at) FROM batch))
                            WHERE id = 1),
                        instants AS (
                            INSERT INTO projected_events_at (recorded_at, events)
                            SELECT at, count(*) FROM batch GROUP BY 1
                            ON CONFLICT (recorded_at) DO UPDATE SET events = projected_events_at.events + EXCLUDED.events)
                        INSERT INTO projected_events_hourly (hour, events)
                        SELECT %s, count(*) FROM batch GROUP BY 1
                        ON CONFLICT (hour) DO UPDATE SET events = projected_events_hourly.events + EXCLUDED.events"""
                        .formatted(times.unnest("t"), HourlyRollUps.hourOf("at")))
                .params(times.parameters())
                .update();
    }

    /** A handler of the event's payload and its recorded time, the start of what it changes. */
    private static <E> Map.Entry<Class<?>, BiConsumer<Object, ProjectedEvent>> on(Class<E> type,
                                                                               BiConsumer<E, OffsetDateTime> handler) {
        return Map.entry(type, (payload, event) -> handler.accept(type.cast(payload), event.time()));
    }

    private static <E> Map.Entry<Class<?>, BiConsumer<Object, ProjectedEvent>> onEvent(
            Class<E> type, BiConsumer<E, ProjectedEvent> handler) {
        return Map.entry(type, (payload, event) -> handler.accept(type.cast(payload), event));
    }
}
