package org.jingzhun.contracts.plan;

import org.jingzhun.contracts.ChecklistItem;

/** One item of the branch "ten ones" (十个一) checklist and how often it is to be done. */
public record ChecklistRequirement(ChecklistItem item, ChecklistFrequency frequency) {
}
