package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.Test;

/**
 * Durable deadlines: a deadline that passes while the service is down is recorded as ProblemOverdue
 * exactly once after it is back, because it was stored in PostgreSQL (scheduled_tasks) in the same
 * transaction as the problem.
 */
class OverdueAcrossRestartIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void recordsAnOverdueDeadlineThatPassedWhileTheServiceWasDownExactlyOnce() {
        assertThat(service.app().getBean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
        String campaign = service.campaign();
        String organization = service.organization("永兴镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        // Far enough ahead that logging and stopping the service end before it, even on a loaded machine.
        Instant deadline = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        String id = log(organization, campaign, deadline);
        assertThat(scheduledDeadlines()).as("stored with the problem").isPositive();

        service.restart(() -> {
            // Down across the deadline: nothing runs that could record it now.
            await().atMost(BOUND).until(() -> Instant.now().isAfter(deadline.plusSeconds(1)));
            assertThat(overdueEvents(id)).isZero();
        });

        await().atMost(BOUND).until(() -> overdueEvents(id) == 1);
        // And no second one: the scheduler has polled many times meanwhile (every 500 ms here).
        await().during(Duration.ofSeconds(3)).atMost(BOUND).until(() -> overdueEvents(id) == 1);

        JsonNode problem = ServiceUnderTest.json(service.send("GET", "/api/problems/" + id, null));
        assertThat(problem.at("/overdue").asBoolean()).isTrue();
        assertThat(problem.at("/overdueRecordedAt").isMissingNode()).isFalse();
        JsonNode overdue = problem.at("/history/1");
        assertThat(overdue.at("/type").asText()).isEqualTo("ProblemOverdue");
        assertThat(overdue.at("/actor").asText()).isEqualTo("system");
        assertThat(overdue.at("/details/deadline").asText()).isEqualTo(deadline.toString());
        JsonNode listed = ServiceUnderTest.json(service.send("GET",
                "/api/problems?orgId=" + organization + "&overdue=true", null));
        assertThat(listed.at("/total").asLong()).isEqualTo(1);
    }

    @Test
    void recordsOverdueOncePerDeadlineAndNotForARectifiedProblem() {
        String campaign = service.campaign();
        String organization = service.organization("复兴镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        Instant soon = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        String late = log(organization, campaign, soon);
        String onTime = log(organization, campaign, soon);
        assertThat(service.send("POST", "/api/problems/" + onTime + "/rectify", "{\"evidence\":\"已整改\"}")
                .statusCode()).isEqualTo(200);

        await().atMost(BOUND).until(() -> overdueEvents(late) == 1);

        Instant later = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> extended = service.send("POST", "/api/problems/" + late + "/deadline",
                "{\"deadline\":\"" + later + "\",\"reason\":\"延期两秒\"}");
        assertThat(extended.statusCode()).as(extended.body()).isEqualTo(200);
        assertThat(ServiceUnderTest.json(extended).at("/overdue").asBoolean()).isFalse();

        await().atMost(BOUND).until(() -> overdueEvents(late) == 2);
        await().during(Duration.ofSeconds(2)).atMost(BOUND).until(() -> overdueEvents(late) == 2);
        assertThat(overdueEvents(onTime)).isZero();
    }

    private static String log(String organization, String campaign, Instant deadline) {
        HttpResponse<String> response = service.send("POST", "/api/problems", "{\"orgId\":\"" + organization
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"SOCIAL_GOVERNANCE\","
                + "\"source\":\"SUPERVISION\",\"description\":\"矛盾纠纷排查不及时\",\"owner\":\"镇长\","
                + "\"deadline\":\"" + deadline + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ServiceUnderTest.json(response).at("/id").asText();
    }

    private static long overdueEvents(String problemId) {
        return service.database().sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type = 'org.jingzhun.contracts.rectification.ProblemOverdue'""")
                .param(problemId).query(Long.class).single();
    }

    private static long scheduledDeadlines() {
        return service.database().sql("SELECT count(*) FROM scheduled_tasks").query(Long.class).single();
    }
}
