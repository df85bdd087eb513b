package org.jingzhun.checklist.record;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.platform.registry.OrganizationRegistry;
import org.jingzhun.platform.registry.OrganizationRegistry.OrganizationInfo;
import org.jingzhun.platform.registry.RegistryProperties;
import org.springframework.stereotype.Component;

/**
 * Asks the organization registry replica what a command needs to know, before the command is sent
 * (never inside its transaction: waiting holds the thread, not a connection). Anything the replica
 * does not know yet is awaited up to {@code jingzhun.registry.await-timeout}, so that a script may
 * register an organization, a campaign or a member and record for it at once; after that, 422.
 */
@Component
class Participants {

    private final OrganizationRegistry registry;
    private final RegistryProperties properties;
    private final Clock clock;

    Participants(OrganizationRegistry registry, RegistryProperties properties, Clock clock) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The organization and what the campaign's plan in force asks of it; refuses an organization the
     * registry does not know or knows as dissolved, and a campaign it does not know.
     */
    Participant resolve(String organizationId, String campaignId) {
        OrganizationInfo organization = registry.awaitKnown(organizationId)
                .orElseThrow(() -> RecordRefused.unprocessable("organization.unknown", "orgId",
                        "No organization " + organizationId + " is registered (waited "
                                + properties.awaitTimeout().toMillis() + " ms for it)"));
        if (organization.dissolved()) {
            throw RecordRefused.unprocessable("organization.dissolved", "orgId",
                    "Organization " + organizationId + " (" + organization.name() + ") was dissolved");
        }
        GuidancePlan plan = registry.awaitPlan(campaignId, properties.awaitTimeout())
                .orElseThrow(() -> RecordRefused.unprocessable("campaign.unknown", "campaignId",
                        "No campaign " + campaignId + " with a guidance plan is known (waited "
                                + properties.awaitTimeout().toMillis() + " ms for it)"));
        return new Participant(organization.id(), organization.tier(), organization.sector(),
                plan.requirementsFor(organization.tier(), organization.sector()));
    }

    /**
     * The branch that held a member on a day: at the end of that day, or now if the day is today
     * (or later). Empty if the member belonged to no branch then; refuses a member the registry does
     * not know, in the name of {@code field}.
     */
    Optional<String> branchOf(String memberId, LocalDate day, String field) {
        if (registry.awaitMember(memberId, properties.awaitTimeout()).isEmpty()) {
            throw RecordRefused.unprocessable("member.unknown", field, "No member " + memberId + " is enrolled"
                    + " (waited " + properties.awaitTimeout().toMillis() + " ms for it)");
        }
        return registry.branchOf(memberId, endOf(day));
    }

    /** Today in the county. */
    LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant endOf(LocalDate day) {
        ZoneId zone = clock.getZone();
        Instant now = clock.instant();
        Instant lastMoment = day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1000);
        return lastMoment.isBefore(now) ? lastMoment : now;
    }
}
