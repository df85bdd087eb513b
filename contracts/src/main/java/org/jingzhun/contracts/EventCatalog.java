package org.jingzhun.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;

/** Every public event type, by class and by CloudEvents type. */
public final class EventCatalog {

    private static final List<EventType> TYPES = List.of(
            EventType.of(CampaignLaunched.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(GuidancePlanIssued.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(OrganizationRegistered.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(OrganizationRenamed.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(OrganizationReclassified.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(OrganizationDissolved.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(MemberEnrolled.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(MemberRecategorized.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(MemberTransferred.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(MemberLeft.class, "organization", Topics.ORGANIZATION_EVENTS),
            EventType.of(StudySessionHeld.class, "checklist", Topics.CHECKLIST_EVENTS),
            EventType.of(StudyNoteRecorded.class, "checklist", Topics.CHECKLIST_EVENTS),
            EventType.of(HonorRoomVisited.class, "checklist", Topics.CHECKLIST_EVENTS),
            EventType.of(ResearchSubmitted.class, "checklist", Topics.CHECKLIST_EVENTS),
            EventType.of(ChecklistItemCompleted.class, "checklist", Topics.CHECKLIST_EVENTS),
            EventType.of(ProblemLogged.class, "rectification", Topics.RECTIFICATION_EVENTS),
            EventType.of(ProblemRectified.class, "rectification", Topics.RECTIFICATION_EVENTS),
            EventType.of(SpecialRectificationLaunched.class, "rectification", Topics.RECTIFICATION_EVENTS),
            EventType.of(RectificationMeasuresSet.class, "rectification", Topics.RECTIFICATION_EVENTS),
            EventType.of(RectificationVerified.class, "rectification", Topics.RECTIFICATION_EVENTS),
            EventType.of(ProblemReopened.class, "rectification", Topics.RECTIFICATION_EVENTS),
            EventType.of(ProblemDeadlineExtended.class, "rectification", Topics.RECTIFICATION_EVENTS),
            EventType.of(ProblemOverdue.class, "rectification", Topics.RECTIFICATION_EVENTS));

    private static final Map<Class<?>, EventType> BY_CLASS = new LinkedHashMap<>();
    private static final Map<String, EventType> BY_CLOUD_EVENT_TYPE = new LinkedHashMap<>();

    static {
        for (EventType type : TYPES) {
            BY_CLASS.put(type.eventClass(), type);
            BY_CLOUD_EVENT_TYPE.put(type.cloudEventType(), type);
        }
    }

    private EventCatalog() {
    }

    /** All public event types. */
    public static List<EventType> all() {
        return TYPES;
    }

    /** The public type of an event class, if it is one. */
    public static Optional<EventType> byClass(Class<?> eventClass) {
        return Optional.ofNullable(BY_CLASS.get(eventClass));
    }

    /** The public type travelling under a CloudEvents {@code type}, if known. */
    public static Optional<EventType> byCloudEventType(String cloudEventType) {
        return Optional.ofNullable(BY_CLOUD_EVENT_TYPE.get(cloudEventType));
    }
}
