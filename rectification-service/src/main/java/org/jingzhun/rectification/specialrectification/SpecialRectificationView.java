package org.jingzhun.rectification.specialrectification;

import java.time.Instant;

/** A special rectification as clients read it. */
public record SpecialRectificationView(String id, String campaignId, String title, String scope,
                                       String organizationId, Instant launchedAt) {
}
