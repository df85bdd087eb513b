package org.jingzhun.platform.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry read from the replica's tables; waiting is done on {@link Arrivals}, with a look every
 * {@code recheck} as well, in case a wake-up from another instance was lost (its listener reconnecting).
 */
final class JdbcOrganizationRegistry implements OrganizationRegistry {

    private static final RowMapper<OrganizationInfo> ORGANIZATION = (rs, row) -> new OrganizationInfo(
            rs.getString("id"), rs.getString("name"), Tier.valueOf(rs.getString("tier")),
            Sector.valueOf(rs.getString("sector")), rs.getString("parent_id"), rs.getBoolean("dissolved"));
    private static final RowMapper<CampaignInfo> CAMPAIGN = (rs, row) -> new CampaignInfo(
            rs.getString("id"), rs.getString("name"), rs.getObject("starts_on", LocalDate.class),
            rs.getObject("ends_on", LocalDate.class));
    private static final RowMapper<MemberInfo> MEMBER = (rs, row) -> new MemberInfo(
            rs.getString("member_id"), rs.getString("organization_id"), MemberField.valueOf(rs.getString("field")),
            MemberOccupation.valueOf(rs.getString("occupation")), MemberStatus.valueOf(rs.getString("status")),
            rs.getBoolean("active"));
    private static final RowMapper<GuidancePlan> PLAN = (rs, row) -> PlanJson.read(rs.getString("plan"));

    /** Campaigns whose parsed plan is kept; a county runs a handful, the bound only guards against a leak. */
    private static final int MAX_PARSED_PLANS = 1_000;
    /** Campaigns kept once found, bound as the plans are. */
    private static final int MAX_KEPT_CAMPAIGNS = 1_000;

    private final JdbcClient jdbc;
    private final Arrivals arrivals;
    /** The latest plan version parsed, per campaign. */
    private final Map<String, ParsedPlan> plans = new ConcurrentHashMap<>();
    private final Map<String, CampaignInfo> campaigns = new ConcurrentHashMap<>();
    private final Duration defaultTimeout;
    private final Duration recheck;

    JdbcOrganizationRegistry(JdbcClient jdbc, Arrivals arrivals, Duration defaultTimeout) {
        this(jdbc, arrivals, defaultTimeout, Duration.ofSeconds(1));
    }

    JdbcOrganizationRegistry(JdbcClient jdbc, Arrivals arrivals, Duration defaultTimeout, Duration recheck) {
        this.jdbc = jdbc;
        this.arrivals = arrivals;
        this.defaultTimeout = defaultTimeout;
        this.recheck = recheck;
    }

    @Override
    public Optional<OrganizationInfo> find(String organizationId) {
        return RegistryAnswers.kept("organization:" + organizationId, () -> jdbc.sql(
                        "SELECT id, name, tier, sector, parent_id, dissolved FROM registry_organization WHERE id = ?")
                .param(organizationId).query(ORGANIZATION).optional());
    }

    @Override
    public Optional<OrganizationInfo> awaitKnown(String organizationId, Duration timeout) {
        return await(Arrivals.organization(organizationId), timeout, () -> find(organizationId));
    }

    @Override
    public Optional<OrganizationInfo> awaitKnown(String organizationId) {
        return awaitKnown(organizationId, defaultTimeout);
    }

    /**
     * A campaign once found is kept: its row is written once and never changed ({@link CampaignWriter}), and
     * deleted only by a rebuild of the replica, done with the service stopped (package documentation). Every
     * logged problem and planned session names its campaign, so this is one statement fewer per command
     * (and, kept for good, it needs no keeping for a transaction: {@link RegistryAnswers}).
     */
    @Override
    public Optional<CampaignInfo> campaign(String campaignId) {
        CampaignInfo known = campaigns.get(campaignId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<CampaignInfo> found = jdbc.sql("SELECT id, name, starts_on, ends_on FROM registry_campaign WHERE id = ?")
                .param(campaignId).query(CAMPAIGN).optional();
        found.filter(campaign -> campaigns.size() < MAX_KEPT_CAMPAIGNS)
                .ifPresent(campaign -> campaigns.put(campaignId, campaign));
        return found;
    }

    @Override
    public Optional<CampaignInfo> awaitCampaign(String campaignId, Duration timeout) {
        return await(Arrivals.campaign(campaignId), timeout, () -> campaign(campaignId));
    }

    @Override
    public Optional<CampaignInfo> awaitCampaign(String campaignId) {
        return awaitCampaign(campaignId, defaultTimeout);
    }

    /**
     * One round trip, as before, but the plan's JSON travels and is parsed only when the version in force
     * is not the one parsed last time: a version is written once and never changed (a revision is a new
     * version), so the parsed plan of a version is that version for good. Kept for a transaction that asks
     * ({@link RegistryAnswers}).
     */
    @Override
    public Optional<GuidancePlan> plan(String campaignId) {
        return RegistryAnswers.kept("plan:" + campaignId, () -> planInForce(campaignId));
    }

    private Optional<GuidancePlan> planInForce(String campaignId) {
        ParsedPlan known = plans.get(campaignId);
        Optional<ParsedPlan> inForce = jdbc.sql("""
                        SELECT version, CASE WHEN version = :known THEN NULL ELSE plan END AS plan
                        FROM registry_plan WHERE campaign_id = :campaign ORDER BY version DESC LIMIT 1""")
                .param("known", known == null ? -1 : known.version()).param("campaign", campaignId)
                .query((rs, row) -> {
                    int version = rs.getInt("version");
                    String json = rs.getString("plan");
                    return json == null && known != null && known.version() == version
                            ? known : new ParsedPlan(version, PlanJson.read(json));
                })
                .optional();
        inForce.ifPresent(plan -> {
            if (plans.size() >= MAX_PARSED_PLANS && !plans.containsKey(campaignId)) {
                plans.clear();
            }
            plans.put(campaignId, plan);
        });
        return inForce.map(ParsedPlan::plan);
    }

    private record ParsedPlan(int version, GuidancePlan plan) {
    }

    @Override
    public Optional<GuidancePlan> plan(String campaignId, int version) {
        return jdbc.sql("SELECT plan FROM registry_plan WHERE campaign_id = ? AND version = ?")
                .params(campaignId, version).query(PLAN).optional();
    }

    @Override
    public Optional<GuidancePlan> awaitPlan(String campaignId, Duration timeout) {
        return await(Arrivals.plan(campaignId), timeout, () -> plan(campaignId));
    }

    @Override
    public Optional<String> branchOf(String memberId, Instant at) {
        return jdbc.sql("""
                        SELECT organization_id FROM registry_membership
                        WHERE member_id = :member AND valid_from <= :at AND (valid_to IS NULL OR valid_to > :at)
                        ORDER BY valid_from DESC LIMIT 1""")
                .param("member", memberId).param("at", at.atOffset(ZoneOffset.UTC))
                .query(String.class).optional();
    }

    @Override
    public Optional<MemberInfo> member(String memberId) {
        return jdbc.sql("""
                        SELECT member_id, organization_id, field, occupation, status, active
                        FROM registry_member WHERE member_id = ?""")
                .param(memberId).query(MEMBER).optional();
    }

    @Override
    public Optional<MemberInfo> awaitMember(String memberId, Duration timeout) {
        return await(Arrivals.member(memberId), timeout, () -> member(memberId));
    }

    @Override
    public List<String> subtree(String organizationId) {
        // UNION (not UNION ALL) on the id alone: terminates even if a corrupt replica held a cycle.
        return jdbc.sql("""
                        WITH RECURSIVE tree (id) AS (
                            SELECT id FROM registry_organization WHERE id = :root
                            UNION
                            SELECT child.id FROM registry_organization child JOIN tree ON child.parent_id = tree.id)
                        SELECT id FROM tree ORDER BY id = :root DESC, id""")
                .param("root", organizationId).query(String.class).list();
    }

    @Override
    public boolean within(String rootId, String organizationId) {
        if (rootId == null || organizationId == null) {
            return false;
        }
        if (find(organizationId).isEmpty() && awaitKnown(organizationId).isEmpty()) {
            return false;
        }
        // Walks up from the organization: as long as its depth, not as large as the root's subtree.
        // UNION on the id alone terminates even if a corrupt replica held a cycle.
        return jdbc.sql("""
                        WITH RECURSIVE up (id, parent_id) AS (
                            SELECT id, parent_id FROM registry_organization WHERE id = :id
                            UNION
                            SELECT o.id, o.parent_id FROM registry_organization o JOIN up ON o.id = up.parent_id)
                        SELECT count(*) FROM up WHERE id = :root""")
                .param("id", organizationId).param("root", rootId).query(Long.class).single() > 0;
    }

    /**
     * Looks the key up; while it is unknown, waits for its arrival to be announced, up to the
     * timeout. Registers before each lookup, so an arrival between the two is not missed; looks again
     * at least every {@code recheck} even without a wake-up.
     */
    private <T> Optional<T> await(String key, Duration timeout, Supplier<Optional<T>> lookup) {
        Optional<T> known = lookup.get();
        if (known.isPresent()) {
            // The usual case: known already, nothing to wait for (and no wake-up to register).
            return known;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Arrivals.Wait wait = arrivals.expect(key)) {
                Optional<T> found = lookup.get();
                long remaining = deadline - System.nanoTime();
                if (found.isPresent() || remaining <= 0 || Thread.currentThread().isInterrupted()) {
                    return found;
                }
                wait.await(Math.min(remaining, recheck.toNanos()));
            }
        }
    }
}
