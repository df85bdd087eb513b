package org.jingzhun.organization.member;

import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.MemberRecategorized;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.organization.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The member read model, written in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup("organization-views")
class MemberProjection {

    private static final String COLUMNS = "id, organization_id, field, occupation, status, display_name, active";
    private static final RowMapper<MemberView> ROW = (rs, row) -> new MemberView(rs.getString(1), rs.getString(2),
            MemberField.valueOf(rs.getString(3)), MemberOccupation.valueOf(rs.getString(4)),
            MemberStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getBoolean(7));

    private final JdbcClient jdbc;

    MemberProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(MemberEnrolled event) {
        jdbc.sql("""
                        INSERT INTO member_view (id, organization_id, field, occupation, status) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                .params(event.memberId(), event.organizationId(), event.field().name(), event.occupation().name(),
                        event.status().name())
                .update();
    }

    @EventHandler
    void on(MemberNamed event) {
        jdbc.sql("UPDATE member_view SET display_name = ? WHERE id = ?")
                .params(event.displayName(), event.memberId()).update();
    }

    @EventHandler
    void on(MemberRecategorized event) {
        jdbc.sql("UPDATE member_view SET field = ?, occupation = ?, status = ? WHERE id = ?")
                .params(event.field().name(), event.occupation().name(), event.status().name(), event.memberId())
                .update();
    }

    @EventHandler
    void on(MemberTransferred event) {
        jdbc.sql("UPDATE member_view SET organization_id = ? WHERE id = ?")
                .params(event.organizationId(), event.memberId()).update();
    }

    @EventHandler
    void on(MemberLeft event) {
        jdbc.sql("UPDATE member_view SET active = FALSE WHERE id = ?").param(event.memberId()).update();
    }

    Optional<MemberView> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM member_view WHERE id = ?").param(id).query(ROW).optional();
    }

    Page<MemberView> ofOrganization(String organizationId, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM member_view WHERE organization_id = ? AND active")
                .param(organizationId).query(Long.class).single();
        List<MemberView> items = jdbc.sql("SELECT " + COLUMNS
                        + " FROM member_view WHERE organization_id = ? AND active ORDER BY id LIMIT ? OFFSET ?")
                .params(organizationId, size, (long) page * size).query(ROW).list();
        return new Page<>(items, page, size, total);
    }
}
