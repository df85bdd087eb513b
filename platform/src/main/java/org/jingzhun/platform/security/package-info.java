/**
 * Security shared by every service: each is an OAuth 2.0 resource server for the organization
 * service's tokens (or a county's OIDC provider), the bootstrap {@code admin} keeps HTTP Basic;
 * {@link org.jingzhun.platform.security.AccessRules} (who may call what, one bean per service) and
 * {@link org.jingzhun.platform.security.Scope} (which organizations a caller may name); failed
 * logins are throttled and unsafe methods take JSON only.
 */
package org.jingzhun.platform.security;
