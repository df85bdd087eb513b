package org.jingzhun.reporting.totals;

import static org.jingzhun.reporting.totals.UnprojectableEvent.requireRow;

import java.time.OffsetDateTime;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.MemberRecategorized;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Members of branches: table {@code member}; a member who left stays, inactive. */
final class MemberRows {

    private final JdbcClient jdbc;
    private final HourlyRollUps rollUps;

    MemberRows(JdbcClient jdbc, HourlyRollUps rollUps) {
        this.jdbc = jdbc;
        this.rollUps = rollUps;
    }

    void enrolled(MemberEnrolled e, OffsetDateTime at) {
        jdbc.sql("""
                        INSERT INTO member (member_id, organization_id, field, occupation, status, active)
                        VALUES (?, ?, ?, ?, ?, TRUE)
                        ON CONFLICT (member_id) DO UPDATE
                        SET organization_id = EXCLUDED.organization_id, field = EXCLUDED.field,
                            occupation = EXCLUDED.occupation, status = EXCLUDED.status, active = TRUE""")
                .params(e.memberId(), e.organizationId(), e.field().name(), e.occupation().name(), e.status().name())
                .update();
        history(e.memberId(), at);
    }

    void recategorized(MemberRecategorized e, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE member SET field = ?, occupation = ?, status = ? WHERE member_id = ?")
                .params(e.field().name(), e.occupation().name(), e.status().name(), e.memberId())
                .update(), "member", e.memberId(), MemberEnrolled.class);
        history(e.memberId(), at);
    }

    void transferred(MemberTransferred e, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE member SET organization_id = ? WHERE member_id = ?")
                .params(e.organizationId(), e.memberId())
                .update(), "member", e.memberId(), MemberEnrolled.class);
        history(e.memberId(), at);
    }

    void left(MemberLeft e, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE member SET active = FALSE WHERE member_id = ?")
                .params(e.memberId())
                .update(), "member", e.memberId(), MemberEnrolled.class);
        history(e.memberId(), at);
    }

    /** The member's new version in its history, and the members' hourly roll-ups with it. */
    private void history(String memberId, OffsetDateTime at) {
        rollUps.memberChanging(memberId, () -> RowHistory.MEMBER.changed(jdbc, memberId, at));
    }
}
