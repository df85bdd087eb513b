/**
 * Special rectifications (专项整治): drives launched within a campaign, such as the county's own three
 * (provincial inspection feedback, business environment, state-asset management). Problems may be
 * attached to one; {@link org.jingzhun.rectification.specialrectification.SpecialRectifications} is
 * what the rest of the service may ask about them.
 */
package org.jingzhun.rectification.specialrectification;
