package org.jingzhun.reporting.totals;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
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
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.platform.EventJson;
import org.springframework.lang.Nullable;

/**
 * The totals in memory: the same state as the tables behind {@link TotalsQuery}, folded from events by
 * the same rules as {@link TotalsProjection} (upserts, first copy wins, a change to a row that does not
 * exist changes nothing), counted by the same rules as {@link TotalsQuery}. The totals as of a past
 * instant fold the audit trail into it; checkpoints store it as JSON.
 * <p>
 * It keeps what the counts need and nothing more: no names, dates or texts. When a rule of the live
 * totals changes, change it here too and bump {@link #VERSION} (old checkpoints are then ignored and
 * rebuilt); {@code AsOfTotalsTest} compares the two on the same events and fails until they agree.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class TotalsModel {

    /** The version of the rules and of the stored shape; checkpoints of another version are not used. */
    static final int VERSION = 2;

    private static final ObjectMapper STATE_JSON = EventJson.newMapper();
    private static final Map<Class<?>, BiConsumer<TotalsModel, Object>> RULES = rules();

    private long eventsProjected;
    @Nullable
    private Instant lastEventAt;
    private Map<String, Organization> organizations = new HashMap<>();
    private Map<String, Member> members = new HashMap<>();
    private Map<String, Campaign> campaigns = new HashMap<>();
    private Map<String, Problem> problems = new HashMap<>();

    /** The state stored in a checkpoint. */
    static TotalsModel fromJson(String json) {
        try {
            return STATE_JSON.readValue(json, TotalsModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable totals checkpoint", e);
        }
    }

    String toJson() {
        try {
            return STATE_JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a totals checkpoint", e);
        }
    }

    /** Whether this model knows the totals rule of an event class. */
    static boolean handles(Class<?> eventClass) {
        return RULES.containsKey(eventClass);
    }

    /** Folds one event in; every event counts in {@code eventsProjected}, as every applied event does live. */
    void apply(Object event, Instant recordedAt) {
        BiConsumer<TotalsModel, Object> rule = RULES.get(event.getClass());
        if (rule != null) {
            rule.accept(this, event);
        }
        eventsProjected++;
        if (lastEventAt == null || recordedAt.isAfter(lastEventAt)) {
            lastEventAt = recordedAt;
        }
    }

    long eventsProjected() {
        return eventsProjected;
    }

    /**
     * The totals of one campaign, or of all when {@code campaignId} is null; {@code asOf} is the time of
     * the latest event folded in, or {@code whenEmpty} if there is none.
     */
    Totals totals(@Nullable String campaignId, ZoneId zone, OffsetDateTime whenEmpty) {
        return totals(campaignId, zone, whenEmpty, organizationId -> true);
    }

    /** As {@link #totals(String, ZoneId, OffsetDateTime)}, over the facts of the organizations {@code counted} accepts. */
    Totals totals(@Nullable String campaignId, ZoneId zone, OffsetDateTime whenEmpty, Predicate<String> counted) {
        return new Totals(campaignId,
                lastEventAt == null ? whenEmpty : OffsetDateTime.ofInstant(lastEventAt, zone),
                eventsProjected,
                organizationTotals(counted),
                memberTotals(counted),
                studyTotals(campaignId, counted),
                honorRoomTotals(campaignId, counted),
                researchTotals(campaignId, counted),
                checklistTotals(campaignId, counted),
                problemTotals(campaignId, counted));
    }

    // --- the rules of TotalsProjection (RegistryRows, MemberRows, ActivityRows, ChecklistRows, ProblemRows) ---

    private static Map<Class<?>, BiConsumer<TotalsModel, Object>> rules() {
        Map<Class<?>, BiConsumer<TotalsModel, Object>> rules = new HashMap<>();
        // Facts no total counts (yet): names, plans, special rectifications as such.
        rule(rules, CampaignLaunched.class, (model, e) -> { });
        rule(rules, GuidancePlanIssued.class, (model, e) -> { });
        rule(rules, OrganizationRenamed.class, (model, e) -> { });
        rule(rules, SpecialRectificationLaunched.class, (model, e) -> { });
        // Registered is an upsert that keeps the dissolved flag; the others change an existing row only.
        rule(rules, OrganizationRegistered.class, (model, e) -> model.organizations.merge(e.organizationId(),
                new Organization(e.tier(), e.sector(), false),
                (old, registered) -> new Organization(registered.tier(), registered.sector(), old.dissolved())));
        rule(rules, OrganizationReclassified.class, (model, e) -> model.organizations.computeIfPresent(
                e.organizationId(), (id, old) -> new Organization(e.tier(), e.sector(), old.dissolved())));
        rule(rules, OrganizationDissolved.class, (model, e) -> model.organizations.computeIfPresent(
                e.organizationId(), (id, old) -> new Organization(old.tier(), old.sector(), true)));
        rule(rules, MemberEnrolled.class, (model, e) -> model.members.put(e.memberId(),
                new Member(e.organizationId(), e.field(), e.occupation(), e.status(), true)));
        rule(rules, MemberRecategorized.class, (model, e) -> model.members.computeIfPresent(e.memberId(),
                (id, old) -> new Member(old.organizationId(), e.field(), e.occupation(), e.status(), old.active())));
        // A transferred member counts where it went from then on, where it was before.
        rule(rules, MemberTransferred.class, (model, e) -> model.members.computeIfPresent(e.memberId(),
                (id, old) -> new Member(e.organizationId(), old.field(), old.occupation(), old.status(), old.active())));
        rule(rules, MemberLeft.class, (model, e) -> model.members.computeIfPresent(e.memberId(),
                (id, old) -> new Member(old.organizationId(), old.field(), old.occupation(), old.status(), false)));
        rule(rules, HonorRoomVisited.class, (model, e) ->
                model.campaign(e.campaignId()).visitors.merge(e.organizationId(), (long) e.visitors(), Long::sum));
        // Facts keyed by their own id: the first copy wins (ON CONFLICT DO NOTHING), in any campaign.
        rule(rules, StudySessionHeld.class, (model, e) -> {
            if (model.campaigns.values().stream().noneMatch(c -> c.sessionDays.containsKey(e.sessionId()))) {
                // Stored as NUMERIC(6,1) live: the same rounding here.
                model.campaign(e.campaignId()).sessionDays.put(e.sessionId(), new Session(e.organizationId(),
                        BigDecimal.valueOf(e.days()).setScale(1, RoundingMode.HALF_UP)));
            }
        });
        rule(rules, StudyNoteRecorded.class, (model, e) -> {
            if (model.campaigns.values().stream().noneMatch(c -> c.notes.containsKey(e.noteId()))) {
                model.campaign(e.campaignId()).notes.put(e.noteId(), e.organizationId());
            }
        });
        rule(rules, ResearchSubmitted.class, (model, e) -> {
            if (model.campaigns.values().stream().noneMatch(c -> c.research.containsKey(e.researchId()))) {
                model.campaign(e.campaignId()).research.put(e.researchId(), new Research(e.organizationId(), e.kind()));
            }
        });
        rule(rules, ChecklistItemCompleted.class, (model, e) -> {
            if (model.campaigns.values().stream().noneMatch(c -> c.completions.containsKey(e.completionId()))) {
                model.campaign(e.campaignId()).completions.put(e.completionId(),
                        new Completion(e.organizationId(), e.item()));
            }
        });
        // A late copy of ProblemLogged must not undo a later status: first copy wins.
        rule(rules, ProblemLogged.class, (model, e) -> model.problems.putIfAbsent(e.problemId(), new Problem(
                e.organizationId(), e.campaignId(), ProblemStatus.LOGGED, e.source(), e.specialRectificationId(), false)));
        rule(rules, RectificationMeasuresSet.class, (model, e) -> model.status(e.problemId(), ProblemStatus.RECTIFYING));
        rule(rules, ProblemRectified.class, (model, e) -> model.status(e.problemId(), ProblemStatus.RECTIFIED));
        rule(rules, RectificationVerified.class, (model, e) -> model.status(e.problemId(), ProblemStatus.VERIFIED));
        // The overdue flag stays across a reopening: a reopened problem past its deadline is overdue work.
        rule(rules, ProblemReopened.class, (model, e) -> model.status(e.problemId(), ProblemStatus.REOPENED));
        rule(rules, ProblemOverdue.class, (model, e) -> model.overdue(e.problemId(), true));
        rule(rules, ProblemDeadlineExtended.class, (model, e) -> model.overdue(e.problemId(), false));
        return Map.copyOf(rules);
    }

    private static <E> void rule(Map<Class<?>, BiConsumer<TotalsModel, Object>> rules, Class<E> type,
                                 BiConsumer<TotalsModel, E> rule) {
        rules.put(type, (model, event) -> rule.accept(model, type.cast(event)));
    }

    private Campaign campaign(String campaignId) {
        return campaigns.computeIfAbsent(campaignId, id -> new Campaign());
    }

    private void status(String problemId, ProblemStatus status) {
        problems.computeIfPresent(problemId, (id, old) -> new Problem(old.organizationId(), old.campaignId(), status,
                old.source(), old.specialRectificationId(), old.overdue()));
    }

    private void overdue(String problemId, boolean overdue) {
        problems.computeIfPresent(problemId, (id, old) -> new Problem(old.organizationId(), old.campaignId(),
                old.status(), old.source(), old.specialRectificationId(), overdue));
    }

    // --- the counting rules of TotalsQuery and ChecklistCounts ---

    private Totals.Organizations organizationTotals(Predicate<String> counted) {
        Map<Tier, Long> byTier = EnumCounts.zeros(Tier.class);
        Map<Sector, Long> bySector = EnumCounts.zeros(Sector.class);
        for (Map.Entry<String, Organization> entry : organizations.entrySet()) {
            Organization organization = entry.getValue();
            if (!organization.dissolved() && counted.test(entry.getKey())) {
                byTier.merge(organization.tier(), 1L, Long::sum);
                bySector.merge(organization.sector(), 1L, Long::sum);
            }
        }
        return new Totals.Organizations(sum(byTier), byTier, bySector);
    }

    private Totals.Members memberTotals(Predicate<String> counted) {
        Map<MemberField, Long> byField = EnumCounts.zeros(MemberField.class);
        Map<MemberOccupation, Long> byOccupation = EnumCounts.zeros(MemberOccupation.class);
        Map<MemberStatus, Long> byStatus = EnumCounts.zeros(MemberStatus.class);
        for (Member member : members.values()) {
            if (member.active() && counted.test(member.organizationId())) {
                byField.merge(member.field(), 1L, Long::sum);
                byOccupation.merge(member.occupation(), 1L, Long::sum);
                byStatus.merge(member.status(), 1L, Long::sum);
            }
        }
        return new Totals.Members(sum(byField), byField, byOccupation, byStatus);
    }

    private Totals.Study studyTotals(@Nullable String campaignId, Predicate<String> counted) {
        long sessions = 0;
        long notes = 0;
        BigDecimal days = BigDecimal.ZERO;
        for (Campaign campaign : selected(campaignId).values()) {
            notes += campaign.notes.values().stream().filter(counted).count();
            for (Session session : campaign.sessionDays.values()) {
                if (counted.test(session.organizationId())) {
                    sessions++;
                    days = days.add(session.days());
                }
            }
        }
        return new Totals.Study(sessions, days.doubleValue(), notes);
    }

    private Totals.HonorRoom honorRoomTotals(@Nullable String campaignId, Predicate<String> counted) {
        Set<String> units = new HashSet<>();
        long personVisits = 0;
        for (Campaign campaign : selected(campaignId).values()) {
            for (Map.Entry<String, Long> visit : campaign.visitors.entrySet()) {
                if (counted.test(visit.getKey())) {
                    units.add(visit.getKey());
                    personVisits += visit.getValue();
                }
            }
        }
        return new Totals.HonorRoom(units.size(), personVisits);
    }

    private Map<ResearchKind, Long> researchTotals(@Nullable String campaignId, Predicate<String> counted) {
        Map<ResearchKind, Long> byKind = EnumCounts.zeros(ResearchKind.class);
        for (Campaign campaign : selected(campaignId).values()) {
            for (Research research : campaign.research.values()) {
                if (counted.test(research.organizationId())) {
                    byKind.merge(research.kind(), 1L, Long::sum);
                }
            }
        }
        return byKind;
    }

    /** Pairs and branches per campaign: over all campaigns a branch counts once per campaign it completed. */
    private Totals.Checklist checklistTotals(@Nullable String campaignId, Predicate<String> counted) {
        long itemsCompleted = 0;
        long completions = 0;
        long branchesComplete = 0;
        for (Campaign campaign : selected(campaignId).values()) {
            Map<String, Set<ChecklistItem>> itemsByBranch = new HashMap<>();
            for (Completion completion : campaign.completions.values()) {
                if (counted.test(completion.organizationId())) {
                    itemsByBranch.computeIfAbsent(completion.organizationId(), id -> new HashSet<>()).add(completion.item());
                    completions++;
                }
            }
            for (Set<ChecklistItem> items : itemsByBranch.values()) {
                itemsCompleted += items.size();
                if (items.size() == ChecklistItem.values().length) {
                    branchesComplete++;
                }
            }
        }
        return new Totals.Checklist(itemsCompleted, completions, branchesComplete);
    }

    /**
     * By the organization's classification as of then (a problem whose organization is unknown then is in
     * {@code found} only); rectified per {@link ProblemStatus#countsAsRectified()}, the rest in progress;
     * overdue = flagged and not rectified.
     */
    private Totals.Problems problemTotals(@Nullable String campaignId, Predicate<String> counted) {
        long rectified = 0;
        long inProgress = 0;
        long overdue = 0;
        Map<Sector, Long> bySector = EnumCounts.zeros(Sector.class);
        Map<Tier, Long> byTier = EnumCounts.zeros(Tier.class);
        Map<ProblemSource, Long> bySource = EnumCounts.zeros(ProblemSource.class);
        Map<String, Long> bySpecialRectification = new TreeMap<>();
        for (Problem problem : problems.values()) {
            if ((campaignId != null && !campaignId.equals(problem.campaignId())) || !counted.test(problem.organizationId())) {
                continue;
            }
            if (problem.status().countsAsRectified()) {
                rectified++;
            } else {
                inProgress++;
                if (problem.overdue()) {
                    overdue++;
                }
            }
            Organization organization = organizations.get(problem.organizationId());
            if (organization != null) {
                byTier.merge(organization.tier(), 1L, Long::sum);
                bySector.merge(organization.sector(), 1L, Long::sum);
            }
            bySource.merge(problem.source(), 1L, Long::sum);
            if (problem.specialRectificationId() != null) {
                bySpecialRectification.merge(problem.specialRectificationId(), 1L, Long::sum);
            }
        }
        return new Totals.Problems(rectified + inProgress, rectified, inProgress, overdue, bySector, byTier, bySource,
                bySpecialRectification);
    }

    private Map<String, Campaign> selected(@Nullable String campaignId) {
        if (campaignId == null) {
            return campaigns;
        }
        Campaign campaign = campaigns.get(campaignId);
        return campaign == null ? Map.of() : Map.of(campaignId, campaign);
    }

    private static long sum(Map<?, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    // --- the state, stored compactly: records as JSON arrays ---

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"tier", "sector", "dissolved"})
    record Organization(Tier tier, Sector sector, boolean dissolved) {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"organizationId", "field", "occupation", "status", "active"})
    record Member(String organizationId, MemberField field, MemberOccupation occupation, MemberStatus status,
                  boolean active) {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"organizationId", "days"})
    record Session(String organizationId, BigDecimal days) {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"organizationId", "kind"})
    record Research(String organizationId, ResearchKind kind) {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"organizationId", "item"})
    record Completion(String organizationId, ChecklistItem item) {
    }

    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"organizationId", "campaignId", "status", "source", "specialRectificationId", "overdue"})
    record Problem(String organizationId, String campaignId, ProblemStatus status, ProblemSource source,
                   @Nullable String specialRectificationId, boolean overdue) {
    }

    /** What happened within one campaign, each fact by its id. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Campaign {
        /** Honor-room visitors summed per organization. */
        Map<String, Long> visitors = new HashMap<>();
        /** Sessions by id: where each was held (a secretary's totals count its subtree's) and its days. */
        Map<String, Session> sessionDays = new HashMap<>();
        /** Study notes by id: the organization of each. */
        Map<String, String> notes = new HashMap<>();
        Map<String, Research> research = new HashMap<>();
        Map<String, Completion> completions = new HashMap<>();
    }
}
