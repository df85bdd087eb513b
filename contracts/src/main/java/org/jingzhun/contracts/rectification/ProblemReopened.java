package org.jingzhun.contracts.rectification;

import org.axonframework.serialization.Revision;

/** A rectified problem was found not rectified after all and reopened, for the reason given. */
@Revision("1")
public record ProblemReopened(String problemId, String organizationId, String campaignId, String reason) {
}
