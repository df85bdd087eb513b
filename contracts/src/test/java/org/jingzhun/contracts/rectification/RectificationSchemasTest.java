package org.jingzhun.contracts.rectification;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.jingzhun.contracts.EventCatalog;
import org.junit.jupiter.api.Test;

/** The rectification events' schemas reject what a consumer could not use. */
class RectificationSchemasTest {

    private static final Instant DUE = Instant.parse("2019-10-31T15:59:59Z");
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonSchema schema(Class<?> event) throws Exception {
        String resource = EventCatalog.byClass(event).orElseThrow().schemaResource();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void acceptsOptionalFieldsAsNull() throws Exception {
        assertThat(schema(SpecialRectificationLaunched.class).validate(json.valueToTree(
                new SpecialRectificationLaunched("s1", "c1", "国有资产管理不规范问题专项整治", null, null)))).isEmpty();
        assertThat(schema(RectificationVerified.class).validate(json.valueToTree(
                new RectificationVerified("p1", "o1", "c1", "admin", null)))).isEmpty();
    }

    @Test
    void rejectsMeasuresWithoutADueDateOrNoMeasuresAtAll() throws Exception {
        ObjectNode noDue = json.valueToTree(new RectificationMeasuresSet("p1", "o1", "c1",
                List.of(new Measure("逐户核对", LocalDate.of(2019, 10, 15)))));
        ((ObjectNode) noDue.withArray("measures").get(0)).remove("due");
        ObjectNode none = json.valueToTree(new RectificationMeasuresSet("p1", "o1", "c1", List.of()));

        assertThat(schema(RectificationMeasuresSet.class).validate(noDue)).isNotEmpty();
        assertThat(schema(RectificationMeasuresSet.class).validate(none)).isNotEmpty();
    }

    @Test
    void rejectsAReopeningWithoutReasonAndAnExtensionWithoutTheNewDeadline() throws Exception {
        ObjectNode reopened = json.valueToTree(new ProblemReopened("p1", "o1", "c1", "x"));
        reopened.remove("reason");
        ObjectNode extended = json.valueToTree(new ProblemDeadlineExtended("p1", "o1", "c1", DUE, DUE.plusSeconds(60), "x"));
        extended.remove("deadline");
        ObjectNode overdue = json.valueToTree(new ProblemOverdue("p1", "o1", "c1", DUE));
        overdue.remove("problemId");

        assertThat(schema(ProblemReopened.class).validate(reopened)).isNotEmpty();
        assertThat(schema(ProblemDeadlineExtended.class).validate(extended)).isNotEmpty();
        assertThat(schema(ProblemOverdue.class).validate(overdue)).isNotEmpty();
    }
}
