/**
 * The rectification inbox: which CloudEvent types other services (an inspection system, say) may
 * publish here, each sent through the same controller code as the matching HTTP command.
 */
package org.jingzhun.rectification.inbox;
