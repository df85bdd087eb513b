package org.jingzhun.reporting.dashboard;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dashboard's settings.
 *
 * @param rectificationUrl where the rectification service answers, for the ledger the page shows and
 *                         offers for download (JINGZHUN_DASHBOARD_RECTIFICATIONURL); the suite passes its port
 * @param organizationUrl  where the organization service answers, for the dashboard's login
 *                         (JINGZHUN_DASHBOARD_ORGANIZATIONURL); the suite passes its port
 * @param connectTimeout   how long to wait for a connection to it before answering 502: a wall screen
 *                         should learn quickly that the ledger is unavailable
 * @param ledgerTimeout    how long to wait for its answer to begin: a county's ledger as XLSX takes a while
 * @param dueSoon          how far ahead a deadline counts as "due soon" on the board
 */
@ConfigurationProperties("jingzhun.dashboard")
record DashboardSettings(@DefaultValue("http://localhost:8083") URI rectificationUrl,
                         @DefaultValue("2s") Duration connectTimeout,
                         @DefaultValue("60s") Duration ledgerTimeout,
                         @DefaultValue("7d") Duration dueSoon,
                         @DefaultValue("http://localhost:8081") URI organizationUrl) {
}
