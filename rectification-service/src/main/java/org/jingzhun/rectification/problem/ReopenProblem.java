package org.jingzhun.rectification.problem;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record ReopenProblem(@TargetAggregateIdentifier String problemId, String reason) {
}
