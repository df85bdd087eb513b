package org.jingzhun.organization.campaign;

import java.time.OffsetDateTime;
import java.util.List;

/** Every version of a campaign's guidance plan, oldest first. */
record PlanVersionsView(String campaignId, List<Version> versions) {

    record Version(int version, OffsetDateTime issuedAt, String issuedBy) {
    }
}
