package org.jingzhun.rectification.problem;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The verifying user travels as the command's actor metadata, not in the command. */
record VerifyRectification(@TargetAggregateIdentifier String problemId, String comment) {
}
