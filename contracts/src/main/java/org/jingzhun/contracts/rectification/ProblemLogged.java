package org.jingzhun.contracts.rectification;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;

/**
 * A problem was found and logged in an organization's rectification ledger. {@code deadline} is the
 * instant it is due (a date given by the caller is resolved to the end of that day in the county's
 * time zone). {@code specialRectificationId} is {@code null} when the problem belongs to none.
 */
@Revision("1")
public record ProblemLogged(String problemId, String organizationId, String campaignId, FocusArea focusArea,
                            ProblemSource source, String specialRectificationId, String description, String owner,
                            Instant deadline) {
}
