package org.jingzhun.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI documents kept in {@code contracts/src/main/resources/asyncapi} are the ones the services
 * serve: regenerate them with {@code -Dasyncapi.write=true} after changing an event or an inbox type.
 */
class AsyncApiDocumentTest {

    /** The accepted inbox types of CONTRACT.md, "Intake from other services". */
    private static final Map<String, List<String>> ACCEPTED = Map.of(
            "organization", List.of("jingzhun.organization.MemberEnrolled.v1"),
            "checklist", List.of("jingzhun.checklist.StudySessionHeld.v1", "jingzhun.checklist.StudyNoteRecorded.v1",
                    "jingzhun.checklist.HonorRoomVisited.v1", "jingzhun.checklist.ResearchSubmitted.v1",
                    "jingzhun.checklist.ChecklistItemCompleted.v1"),
            "rectification", List.of("jingzhun.rectification.ProblemLogged.v1",
                    "jingzhun.rectification.ProblemRectified.v1"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void keptDocumentsAreTheGeneratedOnes() throws IOException {
        for (var service : ACCEPTED.entrySet()) {
            ObjectNode generated = AsyncApiDocument.of(service.getKey(), "jingzhun." + service.getKey() + ".inbox",
                    service.getValue());
            String resource = "asyncapi/" + service.getKey() + "-service.json";
            if (Boolean.getBoolean("asyncapi.write")) {
                Path file = Path.of("../contracts/src/main/resources", resource);
                Files.createDirectories(file.getParent());
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(generated) + "\n");
                continue;
            }
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                assertThat(in).as(resource + " kept in contracts").isNotNull();
                JsonNode kept = JSON.readTree(in);
                assertThat(kept).as(resource).isEqualTo(generated);
            }
        }
    }

    @Test
    void everyPublishedEventOfAServiceIsAMessageOfItsEventsChannel() {
        ObjectNode checklist = AsyncApiDocument.of("checklist", "jingzhun.checklist.inbox", ACCEPTED.get("checklist"));
        assertThat(checklist.at("/channels/events/messages").size()).isEqualTo(5);
        assertThat(checklist.at("/channels/inbox/messages").size()).isEqualTo(5);
        assertThat(checklist.at("/components/messages/ProblemLogged").isMissingNode()).isTrue();
        assertThat(checklist.at("/operations/receiveInbox/channel/$ref").asText()).isEqualTo("#/channels/inbox");
    }
}
