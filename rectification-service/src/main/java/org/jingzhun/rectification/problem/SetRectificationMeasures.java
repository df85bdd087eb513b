package org.jingzhun.rectification.problem;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.rectification.Measure;

record SetRectificationMeasures(@TargetAggregateIdentifier String problemId, List<Measure> measures) {
}
