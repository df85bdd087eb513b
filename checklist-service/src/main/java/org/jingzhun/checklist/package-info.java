/**
 * The checklist service: what each organization does in a campaign (study, notes, honor-room
 * visits, research, the branch "ten ones"). Its events are published on {@code jingzhun.checklist.events}.
 */
package org.jingzhun.checklist;
