package org.jingzhun.reporting.dashboard;

import java.time.LocalDate;

/** A campaign the board can show: its id, name and period (local dates of the county). */
record CampaignSummary(String id, String name, LocalDate startsOn, LocalDate endsOn) {
}
