package org.jingzhun.contracts.plan;

import java.time.YearMonth;

/**
 * "{@code days} consecutive days of study within {@code month}" (e.g. 9 月份连续开展 5 天集中学习研讨).
 * Met when an organization has, within the month, a run of at least {@code days} consecutive
 * calendar days each covered by a study session in one of the plan's counted formats (see
 * {@link StudyRequirement#formats()}).
 *
 * @param month a month that overlaps the campaign period, e.g. {@code 2019-09} on the wire
 * @param days  at least 1, and no more than the days of the month that fall within the campaign
 */
public record ConsecutiveStudy(YearMonth month, int days) {
}
