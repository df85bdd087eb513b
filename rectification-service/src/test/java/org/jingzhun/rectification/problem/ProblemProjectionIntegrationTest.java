package org.jingzhun.rectification.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.rectification.ServiceUnderTest;
import org.junit.jupiter.api.Test;

/**
 * The events of one command are written to the problem views together, when the command's batch of
 * events commits: one row version per problem and command, every history entry, the same row a handler
 * writing each event at once leaves.
 */
class ProblemProjectionIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();

    @Test
    void aProblemLoggedPastItsDeadlineIsInsertedOnceWithBothFactsAndBothHistoryEntries() {
        String organization = service.organization("坪坝镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        String id = log(organization, service.campaign(), "2019-10-31");

        Map<String, Object> row = row(id);
        assertThat(row.get("status")).isEqualTo("LOGGED");
        assertThat(row.get("overdue")).as("overdue_deadline = deadline").isEqualTo(true);
        assertThat(row.get("overdue_at")).isNotNull();
        assertThat(row.get("last_sequence")).isEqualTo(1L);
        assertThat(versions(id)).as("one version: the command's state, not an insert and then an update")
                .containsExactly(1L);
        assertThat(history(id)).containsExactly("0 ProblemLogged", "1 ProblemOverdue");
    }

    @Test
    void twoEventsOfOneCommandOnAnExistingProblemAreOneUpdate() {
        String organization = service.organization("龙潭镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        String id = log(organization, service.campaign(), "2019-10-31");

        // Extended to a date that has passed as well: extended and overdue again, in one command.
        HttpResponse<String> extended = service.send("POST", "/api/problems/" + id + "/deadline",
                "{\"deadline\":\"2019-11-30\",\"reason\":\"补录\"}");
        assertThat(extended.statusCode()).as(extended.body()).isEqualTo(200);

        Map<String, Object> row = row(id);
        assertThat(row.get("overdue")).isEqualTo(true);
        assertThat(row.get("deadline").toString()).startsWith("2019-11-30");
        assertThat(row.get("last_sequence")).isEqualTo(3L);
        assertThat(versions(id)).as("one version per command").containsExactly(1L, 3L);
        assertThat(history(id)).containsExactly("0 ProblemLogged", "1 ProblemOverdue", "2 ProblemDeadlineExtended",
                "3 ProblemOverdue");
        assertThat(ServiceUnderTest.json(service.send("GET", "/api/problems/" + id, null)).at("/overdue")
                .asBoolean()).isTrue();
    }

    @Test
    void eventsHandledOutsideAUnitOfWorkAreWrittenOneByOne() {
        ProblemProjection projection = service.app().getBean(ProblemProjection.class);
        String id = ServiceUnderTest.id("p");
        Instant deadline = Instant.parse("2019-10-31T15:59:59Z");
        Instant at = Instant.parse("2026-01-02T03:04:05Z");

        projection.on(new ProblemLogged(id, "org", "campaign", FocusArea.SOCIAL_GOVERNANCE, ProblemSource.SUPERVISION,
                null, "直接写入", "镇长", deadline), 0, at, "tester");
        assertThat(row(id).get("overdue")).isEqualTo(false);
        projection.on(new ProblemOverdue(id, "org", "campaign", deadline), 1, at.plusSeconds(1), null);

        assertThat(row(id).get("overdue")).isEqualTo(true);
        assertThat(versions(id)).containsExactly(0L, 1L);
        assertThat(history(id)).containsExactly("0 ProblemLogged", "1 ProblemOverdue");
        // Written again (a redelivery): nothing changes.
        projection.on(new ProblemOverdue(id, "org", "campaign", deadline), 1, at.plusSeconds(1), null);
        assertThat(history(id)).hasSize(2);
        assertThat(row(id).get("last_sequence")).isEqualTo(1L);
    }

    private static String log(String organization, String campaign, String deadline) {
        HttpResponse<String> response = service.send("POST", "/api/problems", "{\"orgId\":\"" + organization
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"SOCIAL_GOVERNANCE\","
                + "\"source\":\"SUPERVISION\",\"description\":\"台账不全\",\"owner\":\"镇长\","
                + "\"deadline\":\"" + deadline + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ServiceUnderTest.json(response).at("/id").asText();
    }

    private static Map<String, Object> row(String id) {
        return service.database().sql("""
                        SELECT status, COALESCE(overdue_deadline = deadline, FALSE) AS overdue, overdue_at, last_sequence,
                               to_char(deadline AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS deadline
                        FROM problem_view WHERE id = ?""")
                .param(id).query().singleRow();
    }

    private static List<Long> versions(String id) {
        return service.database().sql("SELECT last_sequence FROM problem_view_version WHERE id = ? ORDER BY version_id")
                .param(id).query(Long.class).list();
    }

    private static List<String> history(String id) {
        return service.database().sql("SELECT sequence || ' ' || type FROM problem_history WHERE problem_id = ? ORDER BY sequence")
                .param(id).query(String.class).list();
    }
}
