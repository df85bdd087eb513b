package org.jingzhun.checklist.record;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignRecordTest {

    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private AggregateTestFixture<CampaignRecord> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CampaignRecord.class);
    }

    @Test
    void firstVisitCreatesTheRecord() {
        fixture.givenNoPriorActivity()
                .when(new RecordHonorRoomVisit("r1", "o1", "c1", DAY, 25))
                .expectEvents(new HonorRoomVisited("r1", "o1", "c1", DAY, 25));
    }

    @Test
    void laterVisitsAddToTheSameRecord() {
        fixture.given(new HonorRoomVisited("r1", "o1", "c1", DAY, 25))
                .when(new RecordHonorRoomVisit("r1", "o1", "c1", DAY.plusDays(3), 12))
                .expectEvents(new HonorRoomVisited("r1", "o1", "c1", DAY.plusDays(3), 12));
    }

    @Test
    void rejectsAVisitWithoutVisitors() {
        fixture.givenNoPriorActivity()
                .when(new RecordHonorRoomVisit("r1", "o1", "c1", DAY, 0))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void derivesOneRecordPerOrganizationAndCampaign() {
        org.assertj.core.api.Assertions.assertThat(RecordId.of("o1", "c1"))
                .isEqualTo(RecordId.of("o1", "c1"))
                .isNotEqualTo(RecordId.of("o1", "c2"))
                .isNotEqualTo(RecordId.of("o2", "c1"));
    }
}
