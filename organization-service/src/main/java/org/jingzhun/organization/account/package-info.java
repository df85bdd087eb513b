/**
 * Accounts (username, bcrypt password hash, role, organization): created, listed and disabled by a
 * county administrator. The token endpoint ({@code org.jingzhun.organization.token}) checks them.
 */
package org.jingzhun.organization.account;
