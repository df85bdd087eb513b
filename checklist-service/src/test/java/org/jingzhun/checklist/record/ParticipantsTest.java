package org.jingzhun.checklist.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingzhun.checklist.SourcePlan;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.platform.registry.OrganizationRegistry;
import org.jingzhun.platform.registry.RegistryProperties;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.Test;

/** What a command learns from the registry before it is sent, and what it is refused for. */
class ParticipantsTest {

    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    /** 2019-09-27 10:00 in the county. */
    private static final Instant NOW = Instant.parse("2019-09-27T02:00:00Z");

    private final FakeRegistry registry = new FakeRegistry();
    private final Participants participants = new Participants(registry,
            new RegistryProperties(true, Duration.ofSeconds(2)), Clock.fixed(NOW, COUNTY));

    @Test
    void resolvesAnOrganizationWithWhatThePlanAsksOfItsTierAndSector() {
        registry.organizations.put("town", new OrganizationRegistry.OrganizationInfo("town", "兴隆镇党委", Tier.SECTION,
                Sector.TOWNSHIP, null, false));
        registry.plans.put("c1", SourcePlan.plan());

        Participant participant = participants.resolve("town", "c1");

        assertThat(participant.tier()).isEqualTo(Tier.SECTION);
        assertThat(participant.requirements().mayFile(ResearchKind.PROBLEM_BRIEF)).isTrue();
        assertThat(participant.requirements().mayFile(ResearchKind.GOLDEN_IDEA)).isFalse();
        // Waited with the configured bound, before refusing anything.
        assertThat(registry.waits).containsExactly("organization town 2s", "plan c1 2s");
    }

    @Test
    void refusesAnUnknownOrDissolvedOrganizationAndAnUnknownCampaign() {
        registry.plans.put("c1", SourcePlan.plan());
        registry.organizations.put("gone", new OrganizationRegistry.OrganizationInfo("gone", "撤销的支部", Tier.BRANCH,
                Sector.VILLAGE, null, true));
        registry.organizations.put("town", new OrganizationRegistry.OrganizationInfo("town", "兴隆镇党委", Tier.SECTION,
                Sector.TOWNSHIP, null, false));

        assertRefused(() -> participants.resolve("nobody", "c1"), "organization.unknown", "orgId");
        assertRefused(() -> participants.resolve("gone", "c1"), "organization.dissolved", "orgId");
        assertRefused(() -> participants.resolve("town", "no-campaign"), "campaign.unknown", "campaignId");
    }

    @Test
    void asksForAMembersBranchAtTheEndOfAPastDayAndNowForToday() {
        registry.members.put("m1", "branch");

        assertThat(participants.branchOf("m1", LocalDate.of(2019, 9, 20), "memberId")).contains("branch");
        assertThat(participants.branchOf("m1", LocalDate.of(2019, 9, 27), "memberId")).contains("branch");
        assertThat(registry.branchQueries).containsExactly(
                Instant.parse("2019-09-20T15:59:59.999999Z"), NOW);
        assertRefused(() -> participants.branchOf("stranger", LocalDate.of(2019, 9, 20), "memberId"),
                "member.unknown", "memberId");
    }

    @Test
    void knowsTodayInTheCounty() {
        assertThat(participants.today()).isEqualTo(LocalDate.of(2019, 9, 27));
    }

    private static void assertRefused(Runnable call, String code, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RecordRefused.class, refused -> {
            assertThat(refused.kind()).isEqualTo(RuleViolation.Kind.UNPROCESSABLE);
            assertThat(refused.code()).isEqualTo(code);
            assertThat(refused.field()).isEqualTo(field);
        });
    }

    /** A registry that knows what the test put in it and notes how it was asked. */
    private static final class FakeRegistry implements OrganizationRegistry {
        final Map<String, OrganizationInfo> organizations = new HashMap<>();
        final Map<String, GuidancePlan> plans = new HashMap<>();
        final Map<String, String> members = new HashMap<>();
        final List<String> waits = new ArrayList<>();
        final List<Instant> branchQueries = new ArrayList<>();

        @Override
        public Optional<OrganizationInfo> find(String organizationId) {
            return Optional.ofNullable(organizations.get(organizationId));
        }

        @Override
        public Optional<OrganizationInfo> awaitKnown(String organizationId, Duration timeout) {
            waits.add("organization " + organizationId + " " + timeout.toSeconds() + "s");
            return find(organizationId);
        }

        @Override
        public Optional<OrganizationInfo> awaitKnown(String organizationId) {
            return awaitKnown(organizationId, Duration.ofSeconds(2));
        }

        @Override
        public Optional<CampaignInfo> campaign(String campaignId) {
            return Optional.empty();
        }

        @Override
        public Optional<CampaignInfo> awaitCampaign(String campaignId, Duration timeout) {
            return Optional.empty();
        }

        @Override
        public Optional<CampaignInfo> awaitCampaign(String campaignId) {
            return Optional.empty();
        }

        @Override
        public Optional<GuidancePlan> plan(String campaignId) {
            return Optional.ofNullable(plans.get(campaignId));
        }

        @Override
        public Optional<GuidancePlan> plan(String campaignId, int version) {
            return plan(campaignId);
        }

        @Override
        public Optional<GuidancePlan> awaitPlan(String campaignId, Duration timeout) {
            waits.add("plan " + campaignId + " " + timeout.toSeconds() + "s");
            return plan(campaignId);
        }

        @Override
        public Optional<String> branchOf(String memberId, Instant at) {
            branchQueries.add(at);
            return Optional.ofNullable(members.get(memberId));
        }

        @Override
        public Optional<MemberInfo> member(String memberId) {
            return Optional.ofNullable(members.get(memberId)).map(branch -> new MemberInfo(memberId, branch,
                    MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR, true));
        }

        @Override
        public Optional<MemberInfo> awaitMember(String memberId, Duration timeout) {
            return member(memberId);
        }

        @Override
        public List<String> subtree(String organizationId) {
            return List.of(organizationId);
        }
    }
}
