package org.jingzhun.reporting.intake;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.projection.PoisonRecordException;
import org.junit.jupiter.api.Test;

class ContractSchemaCheckTest {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private final ContractSchemaCheck check = ContractSchemaCheck.forCatalog();

    @Test
    void acceptsEventsThatKeepTheirContract() {
        assertThatCode(() -> check.check(type(HonorRoomVisited.class), JSON.valueToTree(visit(12))))
                .doesNotThrowAnyException();
        assertThatCode(() -> check.check(type(ProblemLogged.class), JSON.valueToTree(new ProblemLogged("p-1", "o-1",
                "c-1", FocusArea.POLICY_DELIVERY, ProblemSource.SELF_INSPECTION, null, "slow approvals", "Li",
                Instant.parse("2019-10-31T15:59:59Z"))))).doesNotThrowAnyException();
    }

    @Test
    void followsTheNestedDefinitionsOfAGuidancePlan() {
        GuidancePlanIssued issued = new GuidancePlanIssued("c-1", 1, LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30),
                new GuidancePlan(List.of("《学习纲要》"), List.of(), List.of(new Requirements(Tier.SECTION, null,
                        new StudyRequirement(6, 2, List.of(), List.of()), List.of(), List.of(), List.of(),
                        new SpecialRectificationDuty(1, 2), List.of(), null))));
        ObjectNode json = JSON.valueToTree(issued);
        assertThatCode(() -> check.check(type(GuidancePlanIssued.class), json)).doesNotThrowAnyException();

        ((ObjectNode) json.at("/plan/requirements/0")).put("tier", "PROVINCE");

        assertThatThrownBy(() -> check.check(type(GuidancePlanIssued.class), json))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("tier");
    }

    @Test
    void rejectsAVisitOfNobody() {
        assertThatThrownBy(() -> check.check(type(HonorRoomVisited.class), JSON.valueToTree(visit(0))))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("schemas/checklist/HonorRoomVisited.v1.json")
                .hasMessageContaining("visitors");
    }

    @Test
    void rejectsAnEventWithoutARequiredField() {
        ObjectNode json = JSON.valueToTree(visit(3));
        json.remove("organizationId");

        assertThatThrownBy(() -> check.check(type(HonorRoomVisited.class), json))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("organizationId");
    }

    @Test
    void rejectsADateThatIsNoDate() {
        ObjectNode json = JSON.valueToTree(visit(3));
        json.put("date", "2019-09-31");

        assertThatThrownBy(() -> check.check(type(HonorRoomVisited.class), json))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("date");
    }

    @Test
    void rejectsAnAttachmentWithoutAHash() {
        JsonNode json = JSON.valueToTree(new ProblemRectified("p-1", "o-1", "c-1", "fixed",
                List.of(new Attachment("minutes.pdf", "not-a-sha256"))));

        assertThatThrownBy(() -> check.check(type(ProblemRectified.class), json))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("sha256");
    }

    @Test
    void refusesToStartWithoutASchemaForAType() {
        EventType unpublished = new EventType(Unpublished.class, "checklist", "jingzhun.checklist.events", "1");

        assertThatThrownBy(() -> new ContractSchemaCheck(List.of(unpublished)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schemas/checklist/Unpublished.v1.json");
    }

    private record Unpublished(String id) {
    }

    private static HonorRoomVisited visit(int visitors) {
        return new HonorRoomVisited("r-1", "o-1", "c-1", LocalDate.of(2019, 9, 20), visitors);
    }

    private static EventType type(Class<?> eventClass) {
        return EventCatalog.byClass(eventClass).orElseThrow();
    }
}
