package org.jingzhun.contracts.rectification;

import org.axonframework.serialization.Revision;

/**
 * A problem's rectification was verified and signed off (销号) by the supervising level.
 * {@code verifiedBy} is the user who verified it; {@code comment} is {@code null} when none was given.
 */
@Revision("1")
public record RectificationVerified(String problemId, String organizationId, String campaignId, String verifiedBy,
                                    String comment) {
}
