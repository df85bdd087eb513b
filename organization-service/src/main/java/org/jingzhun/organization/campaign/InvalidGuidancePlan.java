package org.jingzhun.organization.campaign;

import org.jingzhun.platform.web.RuleViolation;

/** A guidance plan that cannot be issued; {@code field} is the path of the offending value. */
class InvalidGuidancePlan extends RuleViolation {

    InvalidGuidancePlan(String code, String field, String message) {
        super(Kind.INVALID, "plan." + code, field, message);
    }
}
