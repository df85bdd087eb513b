package org.jingzhun.rectification.problem;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.rectification.Attachment;

record RectifyProblem(@TargetAggregateIdentifier String problemId, String evidence, List<Attachment> attachments) {
}
