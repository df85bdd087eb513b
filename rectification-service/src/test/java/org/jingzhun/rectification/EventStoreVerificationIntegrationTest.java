package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/audit/event-store/verify}: the service re-reads its own event store and names what was
 * changed in it with SQL — a payload byte, a deleted event, two events reordered.
 */
class EventStoreVerificationIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();

    /** A problem with three events: logged (0), measures set (1), rectified (2). */
    private static String problem(String organization, String campaign) {
        HttpResponse<String> logged = service.send("POST", "/api/problems", "{\"orgId\":\"" + organization
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"POVERTY_ALLEVIATION\","
                + "\"source\":\"SELF_INSPECTION\",\"description\":\"台账不全\",\"owner\":\"支部书记\","
                + "\"deadline\":\"2099-10-31\"}");
        assertThat(logged.statusCode()).as(logged.body()).isLessThan(300);
        String id = ServiceUnderTest.json(logged).at("/id").asText();
        HttpResponse<String> measures = service.send("POST", "/api/problems/" + id + "/measures",
                "{\"measures\":[{\"description\":\"逐户核对\",\"due\":\"2099-10-15\"}]}");
        assertThat(measures.statusCode()).as(measures.body()).isLessThan(300);
        HttpResponse<String> rectified = service.send("POST", "/api/problems/" + id + "/rectify",
                "{\"evidence\":\"已补齐\"}");
        assertThat(rectified.statusCode()).as(rectified.body()).isLessThan(300);
        return id;
    }

    private static String eventId(String problem, long sequence) {
        return service.database().sql("""
                        SELECT event_identifier FROM domain_event_entry
                        WHERE aggregate_identifier = :problem AND sequence_number = :sequence""")
                .param("problem", problem).param("sequence", sequence).query(String.class).single();
    }

    private static JsonNode verify() {
        HttpResponse<String> response = service.send("GET", "/api/audit/event-store/verify", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServiceUnderTest.json(response);
    }

    private static List<String> reasonsOf(JsonNode answer, String eventId) {
        List<String> reasons = new ArrayList<>();
        answer.get("broken").forEach(b -> {
            if (b.get("eventId").asText().equals(eventId)) {
                reasons.add(b.get("reason").asText());
            }
        });
        return reasons;
    }

    @Test
    void namesAChangedPayloadByteADeletedEventAndTwoReorderedEvents() {
        String campaign = service.campaign();
        String branch = service.organization("石门村党支部", Tier.BRANCH, Sector.VILLAGE, null);
        String changed = problem(branch, campaign);
        String deleted = problem(branch, campaign);
        String reordered = problem(branch, campaign);
        JsonNode before = verify();
        assertThat(before.get("valid").asBoolean()).as(before.toString()).isTrue();
        assertThat(before.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(9);

        var database = service.database();
        database.sql("""
                        UPDATE domain_event_entry
                        SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '逐户核对', '逐户核查'), 'UTF8')
                        WHERE aggregate_identifier = :problem AND sequence_number = 1""")
                .param("problem", changed).update();
        String deletedNext = eventId(deleted, 2);
        database.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = :problem AND sequence_number = 1")
                .param("problem", deleted).update();
        String first = eventId(reordered, 1);
        String second = eventId(reordered, 2);
        for (String[] move : new String[][] {{first, "-1"}, {second, "1"}, {first, "2"}}) {
            database.sql("UPDATE domain_event_entry SET sequence_number = :sequence WHERE event_identifier = :id")
                    .param("sequence", Long.parseLong(move[1])).param("id", move[0]).update();
        }

        JsonNode after = verify();

        assertThat(after.get("valid").asBoolean()).isFalse();
        assertThat(reasonsOf(after, eventId(changed, 1))).singleElement().asString().startsWith("changed");
        assertThat(reasonsOf(after, deletedNext)).singleElement().asString()
                .startsWith("the event before it in its chain");
        // Each of the two no longer matches its hash (the sequence is part of it) nor links to the one before.
        assertThat(reasonsOf(after, first)).hasSize(2).anySatisfy(r -> assertThat(r).startsWith("changed"));
        assertThat(reasonsOf(after, second)).hasSize(2).anySatisfy(r -> assertThat(r).startsWith("changed"));
        assertThat(after.get("broken")).hasSize(6);
    }
}
