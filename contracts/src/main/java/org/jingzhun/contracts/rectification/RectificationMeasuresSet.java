package org.jingzhun.contracts.rectification;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Rectification measures were set for a problem, which is now being rectified (RECTIFYING). The
 * list replaces any measures set before; each measure has its own due date.
 */
@Revision("1")
public record RectificationMeasuresSet(String problemId, String organizationId, String campaignId,
                                       List<Measure> measures) {
    public RectificationMeasuresSet {
        measures = measures == null ? List.of() : List.copyOf(measures);
    }
}
