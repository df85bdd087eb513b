package org.jingzhun.reporting.compliance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.reporting.compliance.OrganizationRecord.ItemDone;
import org.jingzhun.reporting.compliance.OrganizationRecord.MemberNotes;
import org.jingzhun.reporting.readmodel.AsOf;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.lang.Nullable;

/**
 * Loads {@link OrganizationRecord}s of a campaign from the read-model tables the totals projection keeps
 * ({@code organization}, {@code study_day}, {@code member}, {@code study_note}, {@code research},
 * {@code checklist_completion}, {@code special_rectification}, {@code problem}): a fixed handful of
 * grouped queries whatever the number of organizations, over the rows of an {@link AsOf} (live, or as
 * they stood at an instant). Values no enum knows (a later contract) are skipped, never fatal.
 */
final class ComplianceRecords {

    /** Matches every row when the parameter is null (the cast gives PostgreSQL the null's type). */
    private static final String ANY = "(CAST(:%1$s AS VARCHAR) IS NULL OR %2$s = :%1$s)";

    private final JdbcClient jdbc;

    ComplianceRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organizations of the registry matching the filters (null: any), dissolved ones only if asked. */
    List<Organization> organizations(@Nullable Tier tier, @Nullable Sector sector, @Nullable String organizationId,
                                     boolean withDissolved, AsOf asOf) {
        List<Organization> found = new ArrayList<>();
        jdbc.sql("SELECT organization_id, name, tier, sector, parent_id, dissolved FROM " + asOf.organization("o")
                        + " WHERE "
                        + ANY.formatted("tier", "tier") + " AND " + ANY.formatted("sector", "sector")
                        + " AND " + ANY.formatted("org", "organization_id")
                        + (withDissolved ? "" : " AND NOT dissolved"))
                .param("tier", tier == null ? null : tier.name())
                .param("sector", sector == null ? null : sector.name())
                .param("org", organizationId)
                .query(rs -> {
                    Tier itsTier = known(Tier.class, rs.getString(3));
                    Sector itsSector = known(Sector.class, rs.getString(4));
                    if (itsTier != null && itsSector != null) {
                        found.add(new Organization(rs.getString(1), rs.getString(2), itsTier, itsSector,
                                rs.getString(5), rs.getBoolean(6)));
                    }
                });
        return found;
    }

    /** What each of the organizations did in the campaign, in their order. */
    List<OrganizationRecord> records(String campaignId, List<Organization> organizations, AsOf asOf) {
        if (organizations.isEmpty()) {
            return List.of();
        }
        Map<String, Draft> drafts = new LinkedHashMap<>();
        organizations.forEach(organization -> drafts.put(organization.organizationId(), new Draft(organization)));
        // One organization asked for: its id narrows every query; otherwise the whole campaign is read.
        String only = organizations.size() == 1 ? organizations.get(0).organizationId() : null;

        jdbc.sql("SELECT organization_id, day, format, sum(days) FROM " + asOf.facts("study_day", "d")
                        + " WHERE campaign_id = :campaign AND "
                        + ANY.formatted("org", "organization_id") + " GROUP BY organization_id, day, format")
                .param("campaign", campaignId).param("org", only)
                .query(rs -> {
                    Draft draft = drafts.get(rs.getString(1));
                    StudyFormat format = known(StudyFormat.class, rs.getString(3));
                    if (draft != null && format != null) {
                        draft.study.add(rs.getObject(2, LocalDate.class), format, rs.getBigDecimal(4));
                    }
                });
        jdbc.sql("SELECT m.organization_id, m.occupation, count(*), count(n.member_id) FROM " + asOf.member("m")
                        + " LEFT JOIN (SELECT DISTINCT member_id FROM " + asOf.facts("study_note", "sn")
                        + " WHERE campaign_id = :campaign) n"
                        + " ON n.member_id = m.member_id"
                        + " WHERE m.active AND " + ANY.formatted("org", "m.organization_id")
                        + " GROUP BY m.organization_id, m.occupation")
                .param("campaign", campaignId).param("org", only)
                .query(rs -> {
                    Draft draft = drafts.get(rs.getString(1));
                    MemberOccupation occupation = known(MemberOccupation.class, rs.getString(2));
                    if (draft != null && occupation != null) {
                        draft.members.put(occupation, new MemberNotes(rs.getInt(3), rs.getInt(4)));
                    }
                });
        jdbc.sql("SELECT organization_id, kind, count(*) FROM " + asOf.facts("research", "r")
                        + " WHERE campaign_id = :campaign AND "
                        + ANY.formatted("org", "organization_id") + " GROUP BY organization_id, kind")
                .param("campaign", campaignId).param("org", only)
                .query(rs -> {
                    Draft draft = drafts.get(rs.getString(1));
                    ResearchKind kind = known(ResearchKind.class, rs.getString(2));
                    if (draft != null && kind != null) {
                        draft.research.put(kind, rs.getInt(3));
                    }
                });
        jdbc.sql("SELECT organization_id, item, min(completed_on), count(*) FROM "
                        + asOf.facts("checklist_completion", "c")
                        + " WHERE campaign_id = :campaign AND " + ANY.formatted("org", "organization_id")
                        + " GROUP BY organization_id, item")
                .param("campaign", campaignId).param("org", only)
                .query(rs -> {
                    Draft draft = drafts.get(rs.getString(1));
                    ChecklistItem item = known(ChecklistItem.class, rs.getString(2));
                    if (draft != null && item != null) {
                        draft.checklist.put(item, new ItemDone(rs.getObject(3, LocalDate.class), rs.getInt(4)));
                    }
                });
        // Taking part in a special rectification: launched with the organization's id, or holding one of
        // its problems. Problems may name one not projected yet (topics are independent): it still counts.
        jdbc.sql("SELECT organization_id, special_rectification_id FROM "
                        + asOf.facts("special_rectification", "s")
                        + " WHERE campaign_id = :campaign AND organization_id IS NOT NULL AND "
                        + ANY.formatted("org", "organization_id")
                        + " UNION SELECT organization_id, special_rectification_id FROM " + asOf.problem("p")
                        + " WHERE campaign_id = :campaign AND special_rectification_id IS NOT NULL AND "
                        + ANY.formatted("org", "organization_id"))
                .param("campaign", campaignId).param("org", only)
                .query(rs -> {
                    Draft draft = drafts.get(rs.getString(1));
                    if (draft != null) {
                        draft.specialRectifications.add(rs.getString(2));
                    }
                });
        return drafts.values().stream().map(Draft::record).toList();
    }

    @Nullable
    static <E extends Enum<E>> E known(Class<E> type, @Nullable String name) {
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An organization's record while it is being read. */
    private static final class Draft {
        final Organization organization;
        final StudyLog study = new StudyLog();
        final Map<MemberOccupation, MemberNotes> members = new EnumMap<>(MemberOccupation.class);
        final Map<ResearchKind, Integer> research = new EnumMap<>(ResearchKind.class);
        final Map<ChecklistItem, ItemDone> checklist = new EnumMap<>(ChecklistItem.class);
        final Set<String> specialRectifications = new HashSet<>();

        Draft(Organization organization) {
            this.organization = organization;
        }

        OrganizationRecord record() {
            return new OrganizationRecord(organization, study, members, research, checklist, specialRectifications);
        }
    }
}
