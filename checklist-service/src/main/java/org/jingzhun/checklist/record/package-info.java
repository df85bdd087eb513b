/**
 * An organization's record in one campaign: the aggregate that guards what it does (a concentrated
 * study day is not held twice, once-only checklist items are done once).
 */
package org.jingzhun.checklist.record;
