package org.jingzhun.platform.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.GuidancePlan;

/**
 * What this service knows of organizations, campaigns, guidance plans and members: a local replica
 * of {@code jingzhun.organization.events}, so that no request has to call the organization service.
 *
 * <p>The replica lags the organization service by the relay and projector latency (milliseconds
 * normally, longer after an outage). The plain lookups answer what the replica knows now; the
 * {@code await…} variants wait, bounded by a timeout, for something not known yet — for scripts that
 * register an organization and record for it immediately. Waiting holds no database connection or
 * transaction, but it does hold the calling thread: call it before opening a transaction (in a
 * controller, not inside a command handler's unit of work), or the transaction stays open as long.
 *
 * <p>All lookups read committed data and are safe to call from any thread.
 */
public interface OrganizationRegistry {

    /**
     * An organization as the replica knows it now.
     *
     * @param id        the organization id
     * @param name      its current name
     * @param tier      its current tier
     * @param sector    its current sector
     * @param parentId  its parent, {@code null} for a root
     * @param dissolved whether it was dissolved (dissolved organizations stay known)
     */
    record OrganizationInfo(String id, String name, Tier tier, Sector sector, String parentId, boolean dissolved) {
    }

    /**
     * A campaign and its period of local dates, both inclusive.
     *
     * @param id       the campaign id
     * @param name     its name
     * @param startsOn its first day
     * @param endsOn   its last day
     */
    record CampaignInfo(String id, String name, LocalDate startsOn, LocalDate endsOn) {
    }

    /**
     * A member now.
     *
     * @param id         the member id
     * @param branchId   the branch that holds the member, or held them last if they left
     * @param field      the member's field
     * @param occupation the member's occupation
     * @param status     the member's status
     * @param active     {@code false} once the member left
     */
    record MemberInfo(String id, String branchId, MemberField field, MemberOccupation occupation,
                      MemberStatus status, boolean active) {
    }

    /** The organization as the replica knows it now, without waiting. */
    Optional<OrganizationInfo> find(String organizationId);

    /**
     * The organization; if the replica does not know it yet, waits up to {@code timeout} for it to
     * arrive, then gives up with an empty answer. Returns as soon as it arrives.
     */
    Optional<OrganizationInfo> awaitKnown(String organizationId, Duration timeout);

    /** {@link #awaitKnown(String, Duration)} with the configured {@code jingzhun.registry.await-timeout}. */
    Optional<OrganizationInfo> awaitKnown(String organizationId);

    /** The campaign as the replica knows it now, without waiting. */
    Optional<CampaignInfo> campaign(String campaignId);

    /** The campaign, waiting up to {@code timeout} for it to arrive, like {@link #awaitKnown(String, Duration)}. */
    Optional<CampaignInfo> awaitCampaign(String campaignId, Duration timeout);

    /** {@link #awaitCampaign(String, Duration)} with the configured {@code jingzhun.registry.await-timeout}. */
    Optional<CampaignInfo> awaitCampaign(String campaignId);

    /** The campaign's guidance plan in force: its highest version known to the replica. */
    Optional<GuidancePlan> plan(String campaignId);

    /** One version of the campaign's guidance plan (1, 2, … in the order issued). */
    Optional<GuidancePlan> plan(String campaignId, int version);

    /**
     * The campaign's plan in force, waiting up to {@code timeout} for a first version to arrive. A
     * launch issues version 1 right after the campaign itself, and the two may be projected in
     * different batches: await the plan, not the campaign, before evaluating against it.
     */
    Optional<GuidancePlan> awaitPlan(String campaignId, Duration timeout);

    /**
     * The branch a member belonged to at an instant. Membership starts at the time of the
     * enrolment or transfer event (inclusive) and ends at the time of the next transfer or of the
     * leave event (exclusive); empty before enrolment, after leaving, or for an unknown member.
     */
    Optional<String> branchOf(String memberId, Instant at);

    /** The member as the replica knows it now: current (or last) branch, categories, active flag. */
    Optional<MemberInfo> member(String memberId);

    /** The member, waiting up to {@code timeout} for the enrolment to arrive, like {@link #awaitKnown(String, Duration)}. */
    Optional<MemberInfo> awaitMember(String memberId, Duration timeout);

    /**
     * The ids of the organization and of every organization under it, dissolved ones included, the
     * organization itself first and the others ordered by id; empty if the organization is unknown.
     * An organization whose parent has not arrived yet joins the subtree once the parent arrives.
     */
    List<String> subtree(String organizationId);

    /**
     * Whether {@code organizationId} is {@code rootId} or lies anywhere under it, as the replica knows
     * the tree now; an organization the replica does not know yet is awaited first (like
     * {@link #awaitKnown(String)}), so a secretary can record for a branch registered a moment ago.
     */
    default boolean within(String rootId, String organizationId) {
        String id = organizationId;
        for (int depth = 0; id != null && depth < 64; depth++) {
            if (id.equals(rootId)) {
                return true;
            }
            id = (depth == 0 ? awaitKnown(id) : find(id)).map(OrganizationInfo::parentId).orElse(null);
        }
        return false;
    }
}
