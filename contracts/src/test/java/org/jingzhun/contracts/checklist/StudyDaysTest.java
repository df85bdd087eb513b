package org.jingzhun.contracts.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyDaysTest {

    private static final LocalDate SEPTEMBER_30 = LocalDate.of(2019, 9, 30);

    @Test
    void aHalfDayCoversOneCalendarDayByHalf() {
        assertThat(StudyDays.spread(SEPTEMBER_30, 0.5)).containsExactly(Map.entry(SEPTEMBER_30, 0.5));
    }

    @Test
    void spreadsFullDaysFirstAndEndsOnTheHalfDayAcrossAMonthBoundary() {
        assertThat(StudyDays.spread(SEPTEMBER_30, 2.5)).containsExactly(
                Map.entry(SEPTEMBER_30, 1.0), Map.entry(LocalDate.of(2019, 10, 1), 1.0),
                Map.entry(LocalDate.of(2019, 10, 2), 0.5));
    }

    @Test
    void acceptsOnlyPositiveWholeNumbersOfHalfDays() {
        assertThat(StudyDays.isValidLength(5)).isTrue();
        assertThat(StudyDays.isValidLength(1.5)).isTrue();
        assertThat(StudyDays.isValidLength(0)).isFalse();
        assertThat(StudyDays.isValidLength(-1)).isFalse();
        assertThat(StudyDays.isValidLength(0.25)).isFalse();
        assertThat(StudyDays.isValidLength(Double.NaN)).isFalse();
        assertThat(StudyDays.isValidLength(Double.POSITIVE_INFINITY)).isFalse();
        assertThatThrownBy(() -> StudyDays.spread(SEPTEMBER_30, 1.2)).isInstanceOf(IllegalArgumentException.class);
    }
}
