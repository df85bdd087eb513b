package org.jingzhun.rectification.problem;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record ExtendDeadline(@TargetAggregateIdentifier String problemId, Instant deadline, String reason) {
}
