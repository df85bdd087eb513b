package org.jingzhun.rectification.problem;

import java.time.Instant;
import org.jingzhun.platform.web.RuleViolation;

/** An extension must move the deadline later (422). */
class DeadlineNotLater extends RuleViolation {
    DeadlineNotLater(Instant current, Instant requested) {
        super(Kind.UNPROCESSABLE, "problem.deadline-not-later", "deadline",
                "The new deadline " + requested + " is not after the current deadline " + current);
    }
}
