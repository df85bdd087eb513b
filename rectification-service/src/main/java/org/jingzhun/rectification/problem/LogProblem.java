package org.jingzhun.rectification.problem;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;

record LogProblem(@TargetAggregateIdentifier String problemId, String organizationId, String campaignId,
                  FocusArea focusArea, ProblemSource source, String specialRectificationId, String description,
                  String owner, Instant deadline) {
}
