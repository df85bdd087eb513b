package org.jingzhun.organization.member;

import org.axonframework.serialization.Revision;

/**
 * A member's optional display name. Internal to this service: it is not a public event, so the relay
 * never publishes it and no other service ever holds the name.
 */
@Revision("1")
record MemberNamed(String memberId, String displayName) {
}
