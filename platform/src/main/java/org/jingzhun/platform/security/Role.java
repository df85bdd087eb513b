package org.jingzhun.platform.security;

/**
 * What an account may do. The wire spelling is the constant's name; Spring Security sees each as the
 * authority {@code ROLE_<name>}.
 */
public enum Role {
    /** Everything, everywhere. */
    COUNTY_ADMIN,
    /** Commands and reads for one organization and its whole subtree. */
    SECRETARY,
    /** Reads everything (audit trail included), may start a verifying replay, records nothing. */
    AUDITOR,
    /** Totals, the stream, compliance, scorecards and the dashboard: a wall screen. */
    VIEWER,
    /** The services' inbox only. */
    PUBLISHER,
    /** Scrapes {@code /actuator/prometheus}, nothing else. */
    METRICS;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether accounts of this role are tied to an organization. */
    public boolean needsOrganization() {
        return this == SECRETARY;
    }

    /** Whether accounts of this role may name an organization. */
    public boolean mayNameOrganization() {
        return this == SECRETARY || this == PUBLISHER;
    }
}
