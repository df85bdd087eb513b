package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A view that cannot take an event fails the command: views are written by subscribing processors in the
 * command's unit of work, and their exceptions propagate (platform's {@code ViewErrorHandling}) instead of
 * being logged while the event is stored and the view goes without it.
 */
class ViewFailureIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();

    @Test
    void failsTheCommandAndStoresNothingWhenAViewCannotTakeItsEvent() {
        String campaign = service.campaign();
        String organization = service.organization("兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        String id = ServiceUnderTest.id("problem");
        JdbcClient database = service.database();
        // A real failure of the view's INSERT, not a stand-in: the table refuses this one description.
        database.sql("ALTER TABLE problem_view ADD CONSTRAINT view_refuses CHECK (description <> 'the view refuses this')")
                .update();
        try {
            HttpResponse<String> refused = logProblem(id, organization, campaign, "the view refuses this");

            assertThat(refused.statusCode()).as(refused.body()).isGreaterThanOrEqualTo(500);
            assertThat(database.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                    .param(id).query(Long.class).single()).isZero();
            assertThat(database.sql("SELECT count(*) FROM problem_view WHERE id = ?").param(id).query(Long.class)
                    .single()).isZero();
        } finally {
            database.sql("ALTER TABLE problem_view DROP CONSTRAINT view_refuses").update();
        }

        // Nothing was half-written: the same command goes through now, with its id still free.
        HttpResponse<String> accepted = logProblem(id, organization, campaign, "the view takes this");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(database.sql("SELECT count(*) FROM problem_view WHERE id = ?").param(id).query(Long.class).single())
                .isEqualTo(1);
    }

    private static HttpResponse<String> logProblem(String id, String organization, String campaign, String description) {
        return service.send("POST", "/api/problems", "{\"id\":\"" + id + "\",\"orgId\":\"" + organization
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"OTHER\",\"source\":\"SUPERVISION\","
                + "\"description\":\"" + description + "\",\"owner\":\"支部书记\",\"deadline\":\"2099-10-31\"}");
    }
}
