package org.jingzhun.platform.registry;

import java.util.ArrayList;
import java.util.List;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.MemberRecategorized;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry replica's read model: each organization event to its writer, then the waiters of what
 * it wrote are woken once the projector's transaction commits. Only events that make something known
 * (a registration, a launch, a plan, an enrolment) wake anyone: waiters wait for the unknown, never
 * for a change. Deliberately not a Spring bean: a
 * service collecting its own {@link Projection} beans must not feed the registry a second time.
 */
final class RegistryProjection implements Projection {

    private final OrganizationWriter organizations;
    private final CampaignWriter campaigns;
    private final MemberWriter members;
    private final Arrivals arrivals;

    RegistryProjection(JdbcClient jdbc, Arrivals arrivals) {
        this.organizations = new OrganizationWriter(jdbc);
        this.campaigns = new CampaignWriter(jdbc);
        this.members = new MemberWriter(jdbc);
        this.arrivals = arrivals;
    }

    @Override
    public void apply(ProjectedEvent event) {
        Object payload = event.payload();
        if (payload instanceof OrganizationRegistered registered) {
            organizations.registered(registered, event);
            arrivals.announceAfterCommit(Arrivals.organization(registered.organizationId()));
        } else if (payload instanceof OrganizationRenamed renamed) {
            organizations.renamed(renamed, event);
        } else if (payload instanceof OrganizationReclassified reclassified) {
            organizations.reclassified(reclassified, event);
        } else if (payload instanceof OrganizationDissolved dissolved) {
            organizations.dissolved(dissolved, event);
        } else if (payload instanceof CampaignLaunched launched) {
            campaigns.launched(launched);
            arrivals.announceAfterCommit(Arrivals.campaign(launched.campaignId()));
        } else if (payload instanceof GuidancePlanIssued issued) {
            campaigns.planIssued(issued, event);
            arrivals.announceAfterCommit(Arrivals.plan(issued.campaignId()));
        } else if (payload instanceof MemberEnrolled enrolled) {
            members.enrolledAll(List.of(event));
            arrivals.announceAfterCommit(Arrivals.member(enrolled.memberId()));
        } else if (payload instanceof MemberRecategorized recategorized) {
            members.recategorized(recategorized, event);
        } else if (payload instanceof MemberTransferred transferred) {
            members.transferred(transferred, event);
        } else if (payload instanceof MemberLeft left) {
            members.left(left, event);
        }
        // Anything else is not the registry's business; the topic carries organization events only.
    }

    /**
     * What {@link #apply} of each event in turn leaves, with the enrolments between two other changes written by
     * one statement and announced by one more (a county's enrolment is most of what the topic carries): the
     * replica then keeps up with a county's enrolments on a box whose two cores are busy with recording them,
     * where each round trip waits for a core.
     */
    @Override
    public void applyAll(List<ProjectedEvent> events) {
        List<ProjectedEvent> enrolments = new ArrayList<>();
        for (ProjectedEvent event : events) {
            if (event.payload() instanceof MemberEnrolled) {
                enrolments.add(event);
            } else {
                enrolAll(enrolments);
                apply(event);
            }
        }
        enrolAll(enrolments);
    }

    private void enrolAll(List<ProjectedEvent> enrolments) {
        if (enrolments.isEmpty()) {
            return;
        }
        members.enrolledAll(enrolments);
        arrivals.announceAfterCommit(enrolments.stream()
                .map(event -> Arrivals.member(((MemberEnrolled) event.payload()).memberId())).toList());
        enrolments.clear();
    }
}
