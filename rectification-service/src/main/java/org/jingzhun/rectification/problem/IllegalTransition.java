package org.jingzhun.rectification.problem;

import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.platform.web.RuleViolation;

/** A lifecycle step not allowed from the problem's current status (409, naming the status). */
class IllegalTransition extends RuleViolation {
    IllegalTransition(String action, ProblemStatus current) {
        super(Kind.CONFLICT, "problem.illegal-transition",
                "Cannot " + action + " a problem that is " + current);
    }
}
