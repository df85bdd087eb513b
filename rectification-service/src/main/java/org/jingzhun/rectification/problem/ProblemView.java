package org.jingzhun.rectification.problem;

import java.time.Instant;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;

/** A problem as clients read it. */
record ProblemView(String id, String organizationId, String campaignId, FocusArea focusArea, ProblemSource source,
                   String specialRectificationId, String description, String owner, Instant deadline,
                   ProblemStatus status) {
}
