package org.jingzhun.contracts.rectification;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A problem's {@code deadline} passed before it was rectified. Recorded once per deadline, also when
 * the service was down at that moment (then shortly after it is back).
 */
@Revision("1")
public record ProblemOverdue(String problemId, String organizationId, String campaignId, Instant deadline) {
}
