package org.jingzhun.organization.account;

import java.time.Instant;
import org.jingzhun.platform.security.Role;

/**
 * An account as stored, without its password hash.
 *
 * @param username  the name it signs in with; {@code jingzhun_actor} on what it records
 * @param role      its role
 * @param orgId     the organization at the root of its subtree (secretaries, optionally publishers)
 * @param disabled  whether it was disabled: it gets no new token
 * @param createdAt when it was created
 * @param createdBy who created it
 */
public record Account(String username, Role role, String orgId, boolean disabled, Instant createdAt,
                      String createdBy) {
}
