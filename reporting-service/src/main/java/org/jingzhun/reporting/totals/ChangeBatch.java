package org.jingzhun.reporting.totals;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingzhun.contracts.ProblemStatus;
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
import org.jingzhun.platform.projection.ColumnArrays;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch's changes of organization, member and problem rows (and their history) written set-based
 * ({@link TotalsProjection#applyAll}), leaving what {@link RegistryRows}, {@link MemberRows}, {@link ActivityRows}
 * and {@link ProblemRows} leave when each event is applied in turn. A row's changes depend on each other and must
 * keep their order; changes of different rows do not (each touches its own row and history, and the members'
 * hourly roll-ups only add up). So the batch is written in rounds: round k holds the k-th change of each row in
 * the batch, and each round is a few statements (the live row per kind of change, then the history's close and
 * open, for members between the roll-ups taken out and put back), whatever the number of rows it changes.
 * A change of a row that does not exist fails the batch, which is then applied event by event.
 */
final class ChangeBatch {

    private final Rounds members = new Rounds();
    private final Rounds organizations = new Rounds();
    private final Rounds problems = new Rounds();

    /** Takes the event if it changes an organization, member or problem row; false for any other. */
    boolean add(ProjectedEvent event) {
        Object payload = event.payload();
        if (payload instanceof MemberEnrolled e) {
            members.add(e.memberId(), event);
        } else if (payload instanceof MemberRecategorized e) {
            members.add(e.memberId(), event);
        } else if (payload instanceof MemberTransferred e) {
            members.add(e.memberId(), event);
        } else if (payload instanceof MemberLeft e) {
            members.add(e.memberId(), event);
        } else if (payload instanceof OrganizationRegistered e) {
            organizations.add(e.organizationId(), event);
        } else if (payload instanceof OrganizationRenamed e) {
            organizations.add(e.organizationId(), event);
        } else if (payload instanceof OrganizationReclassified e) {
            organizations.add(e.organizationId(), event);
        } else if (payload instanceof OrganizationDissolved e) {
            organizations.add(e.organizationId(), event);
        } else if (payload instanceof ProblemLogged e) {
            problems.add(e.problemId(), event);
        } else if (payload instanceof ProblemRectified e) {
            problems.add(e.problemId(), event);
        } else if (payload instanceof RectificationMeasuresSet e) {
            problems.add(e.problemId(), event);
        } else if (payload instanceof RectificationVerified e) {
            problems.add(e.problemId(), event);
        } else if (payload instanceof ProblemReopened e) {
            problems.add(e.problemId(), event);
        } else if (payload instanceof ProblemOverdue e) {
            problems.add(e.problemId(), event);
        } else if (payload instanceof ProblemDeadlineExtended e) {
            problems.add(e.problemId(), event);
        } else {
            return false;
        }
        return true;
    }

    void write(JdbcClient jdbc, HourlyRollUps rollUps) {
        organizations.rounds.forEach(round -> writeOrganizations(jdbc, round));
        members.rounds.forEach(round -> writeMembers(jdbc, rollUps, round));
        problems.rounds.forEach(round -> writeProblems(jdbc, rollUps, round));
    }

    private static void writeOrganizations(JdbcClient jdbc, List<ProjectedEvent> round) {
        ColumnArrays changed = new ColumnArrays("id", "at");
        ColumnArrays registered = new ColumnArrays("id", "name", "tier", "sector", "parent_id");
        ColumnArrays renamed = new ColumnArrays("id", "name");
        ColumnArrays reclassified = new ColumnArrays("id", "tier", "sector");
        ColumnArrays dissolved = new ColumnArrays("id");
        for (ProjectedEvent event : round) {
            Object payload = event.payload();
            if (payload instanceof OrganizationRegistered e) {
                registered.add(e.organizationId(), e.name(), e.tier().name(), e.sector().name(), e.parentId());
                changed.add(e.organizationId(), event.time());
            } else if (payload instanceof OrganizationRenamed e) {
                renamed.add(e.organizationId(), e.name());
                changed.add(e.organizationId(), event.time());
            } else if (payload instanceof OrganizationReclassified e) {
                reclassified.add(e.organizationId(), e.tier().name(), e.sector().name());
                changed.add(e.organizationId(), event.time());
            } else if (payload instanceof OrganizationDissolved e) {
                dissolved.add(e.organizationId());
                changed.add(e.organizationId(), event.time());
            }
        }
        insert(jdbc, registered, """
                INSERT INTO organization (organization_id, name, tier, sector, parent_id)
                SELECT v.id, v.name, v.tier, v.sector, v.parent_id FROM %s
                ON CONFLICT (organization_id) DO UPDATE
                SET name = EXCLUDED.name, tier = EXCLUDED.tier, sector = EXCLUDED.sector,
                    parent_id = EXCLUDED.parent_id""");
        Table organization = new Table(jdbc, "organization", "organization_id", OrganizationRegistered.class);
        organization.update(renamed, "name = v.name");
        organization.update(reclassified, "tier = v.tier, sector = v.sector");
        organization.update(dissolved, "dissolved = TRUE");
        RowHistory.ORGANIZATION.changed(jdbc, changed);
    }

    private static void writeMembers(JdbcClient jdbc, HourlyRollUps rollUps, List<ProjectedEvent> round) {
        ColumnArrays changed = new ColumnArrays("id", "at");
        ColumnArrays enrolled = new ColumnArrays("id", "organization_id", "field", "occupation", "status");
        ColumnArrays recategorized = new ColumnArrays("id", "field", "occupation", "status");
        ColumnArrays transferred = new ColumnArrays("id", "organization_id");
        ColumnArrays left = new ColumnArrays("id");
        for (ProjectedEvent event : round) {
            Object payload = event.payload();
            if (payload instanceof MemberEnrolled e) {
                enrolled.add(e.memberId(), e.organizationId(), e.field().name(), e.occupation().name(),
                        e.status().name());
                changed.add(e.memberId(), event.time());
            } else if (payload instanceof MemberRecategorized e) {
                recategorized.add(e.memberId(), e.field().name(), e.occupation().name(), e.status().name());
                changed.add(e.memberId(), event.time());
            } else if (payload instanceof MemberTransferred e) {
                transferred.add(e.memberId(), e.organizationId());
                changed.add(e.memberId(), event.time());
            } else if (payload instanceof MemberLeft e) {
                left.add(e.memberId());
                changed.add(e.memberId(), event.time());
            }
        }
        rollUps.membersChanging(changed, () -> {
            insert(jdbc, enrolled, """
                    INSERT INTO member (member_id, organization_id, field, occupation, status, active)
                    SELECT v.id, v.organization_id, v.field, v.occupation, v.status, TRUE FROM %s
                    ON CONFLICT (member_id) DO UPDATE
                    SET organization_id = EXCLUDED.organization_id, field = EXCLUDED.field,
                        occupation = EXCLUDED.occupation, status = EXCLUDED.status, active = TRUE""");
            Table member = new Table(jdbc, "member", "member_id", MemberEnrolled.class);
            member.update(recategorized, "field = v.field, occupation = v.occupation, status = v.status");
            member.update(transferred, "organization_id = v.organization_id");
            member.update(left, "active = FALSE");
            RowHistory.MEMBER.changed(jdbc, changed);
        });
    }

    private static void writeProblems(JdbcClient jdbc, HourlyRollUps rollUps, List<ProjectedEvent> round) {
        ColumnArrays changed = new ColumnArrays("id", "at");
        ColumnArrays logged = new ColumnArrays("id", "organization_id", "campaign_id", "source", "focus_area",
                "special_rectification_id", "deadline");
        ColumnArrays statuses = new ColumnArrays("id", "status");
        ColumnArrays overdue = new ColumnArrays("id");
        ColumnArrays extended = new ColumnArrays("id", "deadline");
        for (ProjectedEvent event : round) {
            Object payload = event.payload();
            if (payload instanceof ProblemLogged e) {
                logged.add(e.problemId(), e.organizationId(), e.campaignId(), e.source().name(), e.focusArea().name(),
                        e.specialRectificationId(), e.deadline().atOffset(ZoneOffset.UTC));
                changed.add(e.problemId(), event.time());
            } else if (payload instanceof ProblemOverdue e) {
                overdue.add(e.problemId());
                changed.add(e.problemId(), event.time());
            } else if (payload instanceof ProblemDeadlineExtended e) {
                extended.add(e.problemId(), e.deadline().atOffset(ZoneOffset.UTC));
                changed.add(e.problemId(), event.time());
            } else {
                String problemId = statusChange(payload, statuses);
                changed.add(problemId, event.time());
            }
        }
        // DO NOTHING, as ActivityRows.problemLogged: a late copy must not undo a later change.
        insert(jdbc, logged, """
                INSERT INTO problem (problem_id, organization_id, campaign_id, status, source, focus_area,
                                     special_rectification_id, deadline)
                SELECT v.id, v.organization_id, v.campaign_id, '%s', v.source, v.focus_area,
                       v.special_rectification_id, CAST(v.deadline AS TIMESTAMPTZ) FROM %%s
                ON CONFLICT (problem_id) DO NOTHING""".formatted(ProblemStatus.LOGGED.name()));
        Table problem = new Table(jdbc, "problem", "problem_id", ProblemLogged.class);
        problem.update(statuses, "status = v.status");
        problem.update(overdue, "overdue = TRUE");
        problem.update(extended, "deadline = CAST(v.deadline AS TIMESTAMPTZ), overdue = FALSE");
        rollUps.problemsChanging(changed, () -> RowHistory.PROBLEM.changed(jdbc, changed));
    }

    /** Inserts {@code rows} by {@code sql}, whose {@code %s} is their {@code unnest} as {@code v}. */
    private static void insert(JdbcClient jdbc, ColumnArrays rows, String sql) {
        if (!rows.isEmpty()) {
            jdbc.sql(sql.formatted(rows.unnest("v"))).params(rows.parameters()).update();
        }
    }

    /** Adds the status a problem's event sets (as ActivityRows and ProblemRows set it); returns the problem. */
    private static String statusChange(Object payload, ColumnArrays statuses) {
        if (payload instanceof ProblemRectified e) {
            statuses.add(e.problemId(), ProblemStatus.RECTIFIED.name());
            return e.problemId();
        } else if (payload instanceof RectificationMeasuresSet e) {
            statuses.add(e.problemId(), ProblemStatus.RECTIFYING.name());
            return e.problemId();
        } else if (payload instanceof RectificationVerified e) {
            statuses.add(e.problemId(), ProblemStatus.VERIFIED.name());
            return e.problemId();
        } else if (payload instanceof ProblemReopened e) {
            statuses.add(e.problemId(), ProblemStatus.REOPENED.name());
            return e.problemId();
        }
        throw new IllegalArgumentException("Not a change of a problem: " + payload.getClass().getName());
    }

    /** A live table whose rows are changed by id, each changed row required to exist. */
    private record Table(JdbcClient jdbc, String name, String id, Class<?> creatingEvent) {

        /** {@code UPDATE} of the rows named by the first column ({@code id}) of {@code rows}, set as {@code set}. */
        void update(ColumnArrays rows, String set) {
            if (rows.isEmpty()) {
                return;
            }
            Set<String> updated = new HashSet<>(jdbc.sql("UPDATE " + name + " AS t SET " + set + " FROM "
                            + rows.unnest("v") + " WHERE t." + id + " = v.id RETURNING t." + id)
                    .params(rows.parameters()).query(String.class).list());
            if (updated.size() < rows.size()) {
                for (Object row : (Object[]) rows.parameters()[0]) {
                    UnprojectableEvent.requireRow(updated.contains(row) ? 1 : 0, name, (String) row, creatingEvent);
                }
            }
        }
    }

    /** The changes of one kind of row, in rounds: round k holds the k-th change of each row, in batch order. */
    private static final class Rounds {
        private final List<List<ProjectedEvent>> rounds = new ArrayList<>();
        private final Map<String, Integer> changes = new HashMap<>();

        void add(String id, ProjectedEvent event) {
            int round = changes.merge(id, 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(event);
        }
    }
}
