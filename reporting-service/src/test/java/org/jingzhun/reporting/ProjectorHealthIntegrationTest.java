package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /actuator/health} tells the truth about the projector, as deployed: a projector that cannot get on
 * (here: its transaction waits on a lock another session holds) turns the service DOWN (503) once
 * {@code jingzhun.projector.stuck-after} has passed, and UP again once it moved on.
 */
class ProjectorHealthIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;

    @BeforeAll
    static void start() {
        service = ReportingUnderTest.start(dataDirectory, "--jingzhun.projector.stuck-after=2s");
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void turnsDownWhileTheProjectorIsStuckAndUpOnceItMovesOn() throws Exception {
        String org = "org-" + UUID.randomUUID();
        service.awaitProjected(visit(org));
        await().atMost(ReportingUnderTest.BOUND).until(() -> health().statusCode() == 200);

        RecordMetadata waiting;
        try (Connection blocker = service.app().getBean(DataSource.class).getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                // The fence's row, which every projector transaction reads first, FOR SHARE.
                statement.execute("SELECT * FROM projector_generation WHERE projector = '"
                        + ReportingUnderTest.PROJECTOR + "' FOR UPDATE");
            }
            waiting = visit(org);
            await().atMost(ReportingUnderTest.BOUND).until(() -> health().statusCode() == 503);
            assertThat(JSON.readTree(health().body()).get("status").asText()).isEqualTo("DOWN");
            blocker.commit();
        }
        service.awaitProjected(waiting);
        await().atMost(ReportingUnderTest.BOUND).until(() -> health().statusCode() == 200);
        assertThat(JSON.readTree(health().body()).get("status").asText()).isEqualTo("UP");
    }

    private static RecordMetadata visit(String org) {
        return service.send(CloudEventRecords.of("record-" + org, new HonorRoomVisited("record-" + org, org,
                "campaign", LocalDate.of(2019, 9, 20), 3), OffsetDateTime.parse("2019-09-27T21:12:00+08:00")));
    }

    private static HttpResponse<String> health() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(service.uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
