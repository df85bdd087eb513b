package org.jingzhun.contracts.checklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.StudyFormat;
import org.junit.jupiter.api.Test;

/** The checklist schemas hold the rules a consumer relies on, beyond field presence. */
class ChecklistSchemasTest {

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonSchema schema(Class<?> event) throws Exception {
        String resource = EventCatalog.byClass(event).orElseThrow().schemaResource();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private ObjectNode session(double days) {
        return json.valueToTree(new StudySessionHeld("r1", "s1", "o1", "c1", LocalDate.of(2019, 9, 2), days,
                StudyFormat.CONCENTRATED, null, 3, null));
    }

    @Test
    void sessionLengthsAreWholeNumbersOfHalfDays() throws Exception {
        JsonSchema schema = schema(StudySessionHeld.class);
        assertThat(schema.validate(session(0.5))).isEmpty();
        assertThat(schema.validate(session(3))).isEmpty();
        assertThat(schema.validate(session(0.3))).isNotEmpty();
        assertThat(schema.validate(session(0))).isNotEmpty();
    }

    @Test
    void absentListsTravelAsEmptyArrays() {
        ObjectNode node = session(1);
        assertThat(node.get("readings").isArray()).isTrue();
        assertThat(node.get("attendeeIds")).isEmpty();
    }

    @Test
    void optionalFieldsMayBeNullButKindsMustBeKnown() throws Exception {
        JsonSchema research = schema(ResearchSubmitted.class);
        assertThat(research.validate(json.valueToTree(new ResearchSubmitted("r1", "x1", "o1", "c1",
                org.jingzhun.contracts.ResearchKind.RESEARCH_REPORT, "调研报告", null, LocalDate.of(2019, 9, 9)))))
                .isEmpty();
        ObjectNode note = json.valueToTree(new StudyNoteRecorded("r1", "n1", "o1", "c1", "m1", StudyNoteKind.NOTES,
                LocalDate.of(2019, 9, 9)));
        note.put("kind", "DIARY");
        assertThat(schema(StudyNoteRecorded.class).validate(note)).isNotEmpty();
        JsonSchema completed = schema(ChecklistItemCompleted.class);
        assertThat(completed.validate(json.valueToTree(new ChecklistItemCompleted("r1", "k1", "o1", "c1",
                ChecklistItem.PLAN, LocalDate.of(2019, 9, 3), null)))).isEmpty();
        assertThat(List.of(ChecklistItem.values())).hasSize(10);
    }
}
