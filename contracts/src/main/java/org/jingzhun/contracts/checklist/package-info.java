/** Events of the checklist service, published on {@code jingzhun.checklist.events}. */
package org.jingzhun.contracts.checklist;
