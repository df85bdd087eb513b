package org.jingzhun.contracts.rectification;

import org.axonframework.serialization.Revision;

/**
 * A special rectification (专项整治) was launched within a campaign, e.g. the county's own
 * "business environment" drive. {@code scope} says what it covers and {@code organizationId} names
 * the organization that runs it; both are {@code null} when not given (a county-wide drive).
 */
@Revision("1")
public record SpecialRectificationLaunched(String specialRectificationId, String campaignId, String title,
                                           String scope, String organizationId) {
}
