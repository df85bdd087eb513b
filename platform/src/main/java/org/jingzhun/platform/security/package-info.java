/** HTTP Basic security: the {@code admin} user (role COUNTY_ADMIN); health is open, the rest is not. */
package org.jingzhun.platform.security;
