/**
 * The checklist inbox: which CloudEvent types other services may publish here, each sent through the
 * same controller code as the matching HTTP command (registry, plan and lifecycle checks included).
 */
package org.jingzhun.checklist.inbox;
