package org.jingzhun.reporting.dashboard;

import java.util.List;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.web.RequestParameters;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.AsOf;
import org.springframework.http.MediaType;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-only endpoints the dashboard needs beyond totals, compliance and scorecards. A secretary's
 * organization list, breakdowns and activity are those of its subtree (see {@code ReaderSubtree}). Bad parameters are
 * a 400 naming the parameter; an unknown campaign a 404.
 */
@RestController
class DashboardController {

    /** A page of the drill-down list; more would make a phone scroll forever and the query slow. */
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_RECENT = 50;

    private final DashboardQuery dashboard;
    private final BreakdownQuery breakdowns;
    private final ActivityQuery activity;

    private final ReaderSubtree subtree;

    DashboardController(DashboardQuery dashboard, BreakdownQuery breakdowns, ActivityQuery activity,
                        ReaderSubtree subtree) {
        this.dashboard = dashboard;
        this.breakdowns = breakdowns;
        this.activity = activity;
        this.subtree = subtree;
    }

    /** {@code GET /api/dashboard/campaigns}: every campaign, latest first. */
    @GetMapping(path = "/api/dashboard/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
    List<CampaignSummary> campaigns() {
        return dashboard.campaigns();
    }

    /**
     * {@code GET /api/dashboard/organizations?campaignId=&sector=&tier=&name=&page=&size=&asOf=}: the drill-down
     * list, now or as of an instant.
     */
    @GetMapping(path = "/api/dashboard/organizations", produces = MediaType.APPLICATION_JSON_VALUE)
    OrganizationPage organizations(@RequestParam(required = false) String campaignId,
                                   @RequestParam(required = false) Tier tier,
                                   @RequestParam(required = false) Sector sector,
                                   @RequestParam(required = false) String name,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "50") int size,
                                   @RequestParam(required = false) String asOf) {
        String campaign = required(campaignId);
        if (page < 0) {
            throw invalid("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw invalid("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if (page > Integer.MAX_VALUE / size) {
            throw invalid("page", "is too large");
        }
        return dashboard.organizations(campaign, tier, sector, name == null || name.isBlank() ? null : name.strip(),
                page, size, asOf(asOf), subtree.root());
    }

    /**
     * {@code GET /api/dashboard/breakdowns?campaignId=&asOf=}: study by month, the ten ones by sector, problems by
     * status — now or as of an instant.
     */
    @GetMapping(path = "/api/dashboard/breakdowns", produces = MediaType.APPLICATION_JSON_VALUE)
    Breakdowns breakdowns(@RequestParam(required = false) String campaignId,
                          @RequestParam(required = false) String asOf) {
        return breakdowns.breakdowns(required(campaignId), asOf(asOf), subtree.root());
    }

    /** {@code GET /api/dashboard/activity?campaignId=&asOf=&recent=}: events over time and the latest ones. */
    @GetMapping(path = "/api/dashboard/activity", produces = MediaType.APPLICATION_JSON_VALUE)
    Activity activity(@RequestParam(required = false) String campaignId,
                      @RequestParam(required = false) String asOf,
                      @RequestParam(defaultValue = "12") int recent) {
        String campaign = required(campaignId);
        if (recent < 0 || recent > MAX_RECENT) {
            throw invalid("recent", "must be between 0 and " + MAX_RECENT);
        }
        return activity.activity(campaign, RequestParameters.offsetDateTime("asOf", asOf), recent, subtree.root());
    }

    /** Absent and empty alike: live; otherwise an ISO-8601 date-time with offset, or 400 naming {@code asOf}. */
    private static AsOf asOf(@Nullable String asOf) {
        return asOf == null || asOf.isBlank() ? AsOf.live() : AsOf.at(RequestParameters.offsetDateTime("asOf", asOf));
    }

    /** Absent and empty ({@code ?campaignId=}) alike: the board always knows its campaign. */
    private static String required(@Nullable String campaignId) {
        if (campaignId == null || campaignId.isBlank()) {
            throw invalid("campaignId", "is required");
        }
        return campaignId.strip();
    }

    private static RuleViolation invalid(String field, String message) {
        return new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field, message);
    }
}
