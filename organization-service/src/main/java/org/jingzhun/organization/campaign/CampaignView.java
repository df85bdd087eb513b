package org.jingzhun.organization.campaign;

import java.time.LocalDate;

/** A campaign as clients read it. */
record CampaignView(String id, String name, LocalDate startsOn, LocalDate endsOn) {
}
