package org.jingzhun.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteKind;
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
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.MemberGuidance;
import org.jingzhun.contracts.plan.MemberOutreach;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.junit.jupiter.api.Test;

/** Every public event has a JSON Schema, and the JSON it travels as is valid against it. */
class EventSchemasTest {

    /** One realistic instance of every public event; a new event needs one here. */
    static final Map<Class<?>, Object> SAMPLES = Map.ofEntries(
            Map.entry(CampaignLaunched.class, new CampaignLaunched("c1", "第二批主题教育", LocalDate.of(2019, 9, 1),
                    LocalDate.of(2019, 11, 30))),
            Map.entry(GuidancePlanIssued.class, new GuidancePlanIssued("c1", 2, LocalDate.of(2019, 9, 1),
                    LocalDate.of(2019, 11, 30), new GuidancePlan(List.of(), List.of("营商环境不优问题"), List.of(
                    new Requirements(Tier.COUNTY, null, new StudyRequirement(null, null,
                            List.of(new ConsecutiveStudy(YearMonth.of(2019, 9), 5)), List.of(StudyFormat.CONCENTRATED)),
                            List.of(), List.of(), List.of(new ResearchDuty(List.of(ResearchKind.RESEARCH_REPORT),
                            ResearchBy.EACH_LEADER, 1)), null, List.of(), null),
                    new Requirements(Tier.SECTION, null, new StudyRequirement(6, 2, List.of(), List.of()), List.of(),
                            List.of(), List.of(), new SpecialRectificationDuty(1, 2), List.of(), null),
                    new Requirements(Tier.BRANCH, Sector.VILLAGE, null, List.of("《中国共产党农村工作条例》"),
                            List.of(FocusArea.POVERTY_ALLEVIATION), List.of(), null, List.of(new ChecklistRequirement(
                            ChecklistItem.VOLUNTEER_SERVICE, ChecklistFrequency.AT_LEAST_ONCE)),
                            new MemberGuidance(List.of(MemberOccupation.PUBLIC_SERVANT), List.of(new MemberOutreach(
                                    MemberStatus.MOBILE, List.of(StudyFormat.ONLINE))))))))),
            Map.entry(OrganizationRegistered.class, new OrganizationRegistered("o1", "兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null)),
            Map.entry(HonorRoomVisited.class, new HonorRoomVisited("r1", "o1", "c1", LocalDate.of(2019, 9, 20), 25)),
            Map.entry(StudySessionHeld.class, new StudySessionHeld("r1", "s1", "o1", "c1", LocalDate.of(2019, 9, 2), 2.5,
                    StudyFormat.CONCENTRATED, List.of("《习近平关于“不忘初心、牢记使命”重要论述摘编》"), 12, List.of("m1", "m2"))),
            Map.entry(StudyNoteRecorded.class, new StudyNoteRecorded("r1", "n1", "o1", "c1", "m1", StudyNoteKind.REFLECTION,
                    LocalDate.of(2019, 9, 21))),
            Map.entry(ResearchSubmitted.class, new ResearchSubmitted("r1", "x1", "o1", "c1", ResearchKind.GOLDEN_IDEA,
                    "关于村集体经济发展的建议", "m1", LocalDate.of(2019, 10, 8))),
            Map.entry(ChecklistItemCompleted.class, new ChecklistItemCompleted("r1", "k1", "o1", "c1",
                    ChecklistItem.VOLUNTEER_SERVICE, LocalDate.of(2019, 10, 12), "敬老院志愿服务")),
            Map.entry(ProblemLogged.class, new ProblemLogged("p1", "o1", "c1", FocusArea.POVERTY_ALLEVIATION,
                    ProblemSource.SELF_INSPECTION, null, "帮扶台账不完整", "支部书记", Instant.parse("2019-10-31T15:59:59Z"))),
            Map.entry(ProblemRectified.class, new ProblemRectified("p1", "o1", "c1", "已补齐台账",
                    List.of(new Attachment("台账.jpg", "ab".repeat(32))))),
            Map.entry(SpecialRectificationLaunched.class, new SpecialRectificationLaunched("s1", "c1", "营商环境不优问题专项整治",
                    "审批事项办理时限", null)),
            Map.entry(RectificationMeasuresSet.class, new RectificationMeasuresSet("p1", "o1", "c1",
                    List.of(new Measure("逐户核对帮扶台账", LocalDate.of(2019, 10, 15))))),
            Map.entry(RectificationVerified.class, new RectificationVerified("p1", "o1", "c1", "admin", null)),
            Map.entry(ProblemReopened.class, new ProblemReopened("p1", "o1", "c1", "台账仍缺三户")),
            Map.entry(ProblemDeadlineExtended.class, new ProblemDeadlineExtended("p1", "o1", "c1",
                    Instant.parse("2019-10-31T15:59:59Z"), Instant.parse("2019-11-15T15:59:59Z"), "需等待年度数据")),
            Map.entry(ProblemOverdue.class, new ProblemOverdue("p1", "o1", "c1", Instant.parse("2019-10-31T15:59:59Z"))),
            Map.entry(OrganizationRenamed.class, new OrganizationRenamed("o1", "兴隆镇党委", "兴隆镇党委员会")),
            Map.entry(OrganizationReclassified.class, new OrganizationReclassified("o1", Tier.SECTION, Sector.ORGAN, Tier.SECTION, Sector.TOWNSHIP)),
            Map.entry(OrganizationDissolved.class, new OrganizationDissolved("o1", "兴隆镇党委")),
            Map.entry(MemberEnrolled.class, new MemberEnrolled("m1", "o1", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.MOBILE)),
            Map.entry(MemberRecategorized.class, new MemberRecategorized("m1", "o1", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.ELDERLY_INFIRM)),
            Map.entry(MemberTransferred.class, new MemberTransferred("m1", "o2", "o1")),
            Map.entry(MemberLeft.class, new MemberLeft("m1", "o2")));

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private JsonSchema schema(EventType type) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema of %s at %s", type.name(), type.schemaResource()).isNotNull();
            // As both sides check: draft 2020-12 would treat "format" as an annotation only.
            return factory.getSchema(in, com.networknt.schema.SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true).build());
        }
    }

    @Test
    void everyEventValidatesAgainstItsSchema() throws Exception {
        for (EventType type : EventCatalog.all()) {
            Object sample = SAMPLES.get(type.eventClass());
            assertThat(sample).as("a sample of %s", type.name()).isNotNull();
            JsonNode node = json.valueToTree(sample);
            assertThat(schema(type).validate(node)).as(type.name()).isEmpty();
        }
    }

    @Test
    void schemasRejectAnEventMissingARequiredFieldOrWithAnUnknownEnumValue() throws Exception {
        EventType logged = EventCatalog.byClass(ProblemLogged.class).orElseThrow();
        ObjectNode node = json.valueToTree(SAMPLES.get(ProblemLogged.class));
        node.remove("organizationId");
        assertThat(schema(logged).validate(node)).isNotEmpty();
        ObjectNode unknownEnum = json.valueToTree(SAMPLES.get(ProblemLogged.class));
        unknownEnum.put("focusArea", "NOT_AN_AREA");
        assertThat(schema(logged).validate(unknownEnum)).isNotEmpty();
    }

    @Test
    void namesCloudEventTypesAfterServiceEventAndRevision() {
        assertThat(EventCatalog.byClass(ProblemLogged.class).orElseThrow().cloudEventType())
                .isEqualTo("jingzhun.rectification.ProblemLogged.v1");
        assertThat(EventCatalog.byCloudEventType("jingzhun.organization.OrganizationRegistered.v1"))
                .map(EventType::eventClass).contains(OrganizationRegistered.class);
        for (EventType type : EventCatalog.all()) {
            assertThat(type.topic()).isEqualTo("jingzhun." + type.service() + ".events");
        }
    }

    /** PostgreSQL cannot store U+0000 in text or JSONB: reporting could never keep such an event. */
    @Test
    void schemasRejectANulCharacterInEveryTextOfEveryEvent() throws Exception {
        for (EventType type : EventCatalog.all()) {
            JsonNode sample = json.valueToTree(SAMPLES.get(type.eventClass()));
            List<String> texts = new java.util.ArrayList<>();
            textPointers(sample, "", texts);
            assertThat(texts).as("texts of %s", type.name()).isNotEmpty();
            for (String pointer : texts) {
                JsonNode broken = sample.deepCopy();
                String parent = pointer.substring(0, pointer.lastIndexOf('/'));
                String last = pointer.substring(pointer.lastIndexOf('/') + 1);
                JsonNode container = parent.isEmpty() ? broken : broken.at(parent);
                String text = container.isArray() ? container.get(Integer.parseInt(last)).asText()
                        : container.get(last).asText();
                if (container.isArray()) {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) container).set(Integer.parseInt(last),
                            json.getNodeFactory().textNode(text + "\u0000"));
                } else {
                    ((ObjectNode) container).put(last, "a\u0000" + text);
                }
                assertThat(schema(type).validate(broken)).as("%s with NUL at %s", type.name(), pointer).isNotEmpty();
            }
        }
    }

    private static void textPointers(JsonNode node, String at, List<String> into) {
        if (node.isTextual()) {
            into.add(at);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                textPointers(node.get(i), at + "/" + i, into);
            }
        } else if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> textPointers(node.get(name), at + "/" + name, into));
        }
    }
}
