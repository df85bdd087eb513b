package org.jingzhun.organization.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jingzhun.platform.security.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account table. */
@Repository
public class Accounts {

    /** An enabled account with its password hash: what the token endpoint checks. */
    public record Credentials(String username, String passwordHash, Role role, String orgId) {
    }

    private static final String COLUMNS = "username, role, organization_id, disabled, created_at, created_by";

    private final JdbcClient jdbc;
    private final Clock clock;

    Accounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds an account; false when the username is taken. */
    boolean create(String username, String passwordHash, Role role, String orgId, String createdBy) {
        try {
            jdbc.sql("""
                            INSERT INTO account (username, password_hash, role, organization_id, created_at, created_by)
                            VALUES (:username, :hash, :role, :org, :at, :by)""")
                    .param("username", username).param("hash", passwordHash).param("role", role.name())
                    .param("org", orgId).param("at", Timestamp.from(clock.instant())).param("by", createdBy)
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    Optional<Account> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE username = :username")
                .param("username", username).query(Accounts::account).optional();
    }

    List<Account> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account ORDER BY username").query(Accounts::account).list();
    }

    /** Disables the account; false when there is none. Disabling twice is harmless. */
    boolean disable(String username) {
        return jdbc.sql("""
                        UPDATE account SET disabled = TRUE, disabled_at = COALESCE(disabled_at, :at)
                        WHERE username = :username""")
                .param("at", Timestamp.from(clock.instant())).param("username", username).update() > 0;
    }

    /** The credentials of an enabled account, for the token endpoint. */
    public Optional<Credentials> enabled(String username) {
        return jdbc.sql("""
                        SELECT username, password_hash, role, organization_id FROM account
                        WHERE username = :username AND NOT disabled""")
                .param("username", username)
                .query((rs, n) -> new Credentials(rs.getString("username"), rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role")), rs.getString("organization_id")))
                .optional();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getString("organization_id"), rs.getBoolean("disabled"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
    }
}
