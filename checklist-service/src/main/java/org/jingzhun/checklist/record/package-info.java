/**
 * An organization's record in one campaign: the aggregate that guards what depends on its own history
 * (a concentrated study day is not held twice, once-only checklist items are done once), the commands
 * and their controllers, the policies that read the guidance plan (which research a tier may file, how
 * often a checklist item is done), and the record view built from the record's events. What the
 * organization registry knows is looked up by {@code Participants} before a command is sent.
 */
package org.jingzhun.checklist.record;
