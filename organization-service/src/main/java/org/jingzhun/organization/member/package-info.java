/**
 * Members of party branches: an opaque id plus categories (field, occupation, status). A display
 * name is optional, kept only here, in an internal event that is never published.
 */
package org.jingzhun.organization.member;
