package org.jingzhun.platform.security;

/**
 * Where an organization sits in the county's tree, as the service knows it. Implemented by the
 * organization registry replica (checklist, rectification) and by organization-service's own tree.
 */
@FunctionalInterface
public interface OrganizationSubtree {

    /**
     * Whether {@code organizationId} is {@code rootId} itself or lies anywhere under it. An unknown
     * organization lies under nothing.
     */
    boolean contains(String rootId, String organizationId);
}
