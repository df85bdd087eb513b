package org.jingzhun.contracts.rectification;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A problem's deadline was moved from {@code previousDeadline} to the later {@code deadline}, for the
 * reason given. A problem that was overdue is not overdue any more until the new deadline passes.
 */
@Revision("1")
public record ProblemDeadlineExtended(String problemId, String organizationId, String campaignId,
                                      Instant previousDeadline, Instant deadline, String reason) {
}
