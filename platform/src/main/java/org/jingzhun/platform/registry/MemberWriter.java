package org.jingzhun.platform.registry;

import java.time.OffsetDateTime;
import java.util.List;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.MemberRecategorized;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.platform.projection.ColumnArrays;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Member events into {@code registry_member} (the member now) and {@code registry_membership} (which
 * branch held the member when, bounded by the events' times). A member is one aggregate, so its
 * events arrive in order; a change applies only if it is newer than the last one applied, and each
 * membership write is idempotent by itself as well (a row starts once per instant, and only an older
 * open row is closed), so a redelivery changes nothing. Changes of a member whose enrolment the
 * replica never saw are ignored: without it there are no categories to change.
 */
final class MemberWriter {

    private final JdbcClient jdbc;

    MemberWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Enrols the members, in one statement: their rows inserted in order (a member enrolled before, or met twice,
     * keeps its first enrolment), and a membership opened for each member inserted.
     *
     * @param enrolments events whose payload is a {@link MemberEnrolled}
     */
    void enrolledAll(List<ProjectedEvent> enrolments) {
        if (enrolments.isEmpty()) {
            return;
        }
        ColumnArrays rows = new ColumnArrays("member_id", "organization_id", "field", "occupation", "status",
                "last_sequence", "updated_at", "n");
        int n = 0;
        for (ProjectedEvent envelope : enrolments) {
            MemberEnrolled event = (MemberEnrolled) envelope.payload();
            rows.add(event.memberId(), event.organizationId(), Enums.name(event.field()), Enums.name(event.occupation()),
                    Enums.name(event.status()), envelope.sequence(), envelope.time(), n++);
        }
        jdbc.sql("""
                        WITH fresh AS (
                            INSERT INTO registry_member (member_id, organization_id, field, occupation, status, active,
                                                         last_sequence, updated_at)
                            SELECT v.member_id, v.organization_id, v.field, v.occupation, v.status, TRUE,
                                   CAST(v.last_sequence AS BIGINT), CAST(v.updated_at AS TIMESTAMPTZ)
                            FROM %s
                            ORDER BY CAST(v.n AS INT)
                            ON CONFLICT (member_id) DO NOTHING
                            RETURNING member_id, organization_id, updated_at)
                        INSERT INTO registry_membership (member_id, organization_id, valid_from)
                        SELECT member_id, organization_id, updated_at FROM fresh
                        ON CONFLICT (member_id, valid_from) DO NOTHING""".formatted(rows.unnest("v")))
                .params(rows.parameters())
                .update();
    }

    void recategorized(MemberRecategorized event, ProjectedEvent envelope) {
        change("field = :field, occupation = :occupation, status = :status", event.memberId(), envelope)
                .param("field", Enums.name(event.field())).param("occupation", Enums.name(event.occupation()))
                .param("status", Enums.name(event.status()))
                .update();
    }

    void transferred(MemberTransferred event, ProjectedEvent envelope) {
        int fresh = change("organization_id = :organization", event.memberId(), envelope)
                .param("organization", event.organizationId()).update();
        if (fresh > 0) {
            closeMembership(event.memberId(), envelope.time(), false);
            openMembership(event.memberId(), event.organizationId(), envelope.time());
        }
    }

    void left(MemberLeft event, ProjectedEvent envelope) {
        int fresh = change("active = FALSE", event.memberId(), envelope).update();
        if (fresh > 0) {
            closeMembership(event.memberId(), envelope.time(), true);
        }
    }

    /** An update of the member's row, applied only if the event is newer than the row's last one. */
    private JdbcClient.StatementSpec change(String assignments, String memberId, ProjectedEvent envelope) {
        return jdbc.sql("UPDATE registry_member SET " + assignments
                        + ", last_sequence = GREATEST(last_sequence, :sequence), updated_at = :time"
                        + " WHERE member_id = :member AND (:sequence < 0 OR last_sequence < :sequence)")
                .param("member", memberId).param("sequence", envelope.sequence()).param("time", envelope.time());
    }

    private void openMembership(String memberId, String organizationId, OffsetDateTime from) {
        jdbc.sql("""
                        INSERT INTO registry_membership (member_id, organization_id, valid_from) VALUES (?, ?, ?)
                        ON CONFLICT (member_id, valid_from) DO NOTHING""")
                .params(memberId, organizationId, from)
                .update();
    }

    /**
     * Ends the open membership at {@code at}. Only a membership that started before {@code at} (or
     * at it, when leaving): the one a replayed transfer opened itself stays open.
     */
    private void closeMembership(String memberId, OffsetDateTime at, boolean inclusive) {
        jdbc.sql("UPDATE registry_membership SET valid_to = ? WHERE member_id = ? AND valid_to IS NULL AND valid_from "
                        + (inclusive ? "<=" : "<") + " ?")
                .params(at, memberId, at)
                .update();
    }
}
