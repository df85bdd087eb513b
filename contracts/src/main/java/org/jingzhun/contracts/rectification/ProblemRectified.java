package org.jingzhun.contracts.rectification;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A problem's rectification was completed, with evidence and attachment references. */
@Revision("1")
public record ProblemRectified(String problemId, String organizationId, String campaignId, String evidence,
                               List<Attachment> attachments) {
    public ProblemRectified {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
