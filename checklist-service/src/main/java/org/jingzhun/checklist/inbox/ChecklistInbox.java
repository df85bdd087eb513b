package org.jingzhun.checklist.inbox;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.jingzhun.checklist.record.ChecklistController;
import org.jingzhun.checklist.record.HonorRoomVisitController;
import org.jingzhun.checklist.record.ResearchController;
import org.jingzhun.checklist.record.StudyController;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.Topics;
import org.jingzhun.platform.inbox.InboxData;
import org.jingzhun.platform.inbox.InboxRoute;
import org.jingzhun.platform.inbox.InboxRoutes;
import org.jingzhun.platform.security.Scope;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;

/**
 * Accepted CloudEvent types, named after the event they lead to. The data is the HTTP command's body
 * plus {@code orgId} (and {@code item} for a checklist item), so each route is the controller call itself.
 */
@Configuration(proxyBeanMethods = false)
class ChecklistInbox {

    static final String STUDY_SESSION_HELD = "jingzhun.checklist.StudySessionHeld.v1";
    static final String STUDY_NOTE_RECORDED = "jingzhun.checklist.StudyNoteRecorded.v1";
    static final String HONOR_ROOM_VISITED = "jingzhun.checklist.HonorRoomVisited.v1";
    static final String RESEARCH_SUBMITTED = "jingzhun.checklist.ResearchSubmitted.v1";
    static final String CHECKLIST_ITEM_COMPLETED = "jingzhun.checklist.ChecklistItemCompleted.v1";

    @Bean
    InboxRoutes checklistInboxRoutes(StudyController study, HonorRoomVisitController visits,
                                     ResearchController research, ChecklistController checklist, Scope scope) {
        // Over HTTP the access rules check the path's orgId against the caller's subtree; the inbox has
        // no such path, so a publisher bound to an organization is checked here, before anything is recorded.
        Function<InboxData, String> orgId = data -> {
            String organizationId = data.pathValue("orgId");
            scope.check(organizationId);
            return organizationId;
        };
        // Every route's command goes to an organization's record (an aggregate) after reading the registry's
        // replicas, never checklist's own views: neighbours share a unit of work.
        return new InboxRoutes(Topics.CHECKLIST_INBOX, Map.of(
                STUDY_SESSION_HELD, InboxRoute.sharingUnitOfWork(data -> id(study.holdSession(orgId.apply(data),
                        data.body(StudyController.SessionRequest.class)))),
                STUDY_NOTE_RECORDED, InboxRoute.sharingUnitOfWork(data -> id(study.recordNote(orgId.apply(data),
                        data.body(StudyController.NoteRequest.class)))),
                HONOR_ROOM_VISITED, InboxRoute.sharingUnitOfWork(data -> id(visits.visit(orgId.apply(data),
                        data.body(HonorRoomVisitController.VisitRequest.class)))),
                RESEARCH_SUBMITTED, InboxRoute.sharingUnitOfWork(data -> id(research.submit(orgId.apply(data),
                        data.body(ResearchController.ResearchRequest.class)))),
                CHECKLIST_ITEM_COMPLETED, InboxRoute.sharingUnitOfWork(data -> {
                    String organization = orgId.apply(data);
                    ChecklistItem item = item(data);
                    return id(checklist.complete(organization, item, data.body(ChecklistController.CompletionRequest.class)));
                })));
    }

    private static ChecklistItem item(InboxData data) {
        String item = data.pathValue("item");
        try {
            return ChecklistItem.valueOf(item);
        } catch (IllegalArgumentException e) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "item",
                    "invalid value '" + item + "'; expected one of " + Arrays.toString(ChecklistItem.values()));
        }
    }

    private static String id(ResponseEntity<Map<String, String>> answer) {
        return answer.getBody() == null ? null : answer.getBody().get("id");
    }
}
