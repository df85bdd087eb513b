/**
 * The organization inbox: which CloudEvent types other services may publish here, each sent through the
 * same controller code as the matching HTTP command.
 */
package org.jingzhun.organization.inbox;
