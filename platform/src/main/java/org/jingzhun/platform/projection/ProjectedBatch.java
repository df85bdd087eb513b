package org.jingzhun.platform.projection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * What one projector transaction applied, as {@link BatchHook}s see it.
 *
 * @param projector the projector's name
 * @param applied   the events applied in it, in order (duplicates and poison records left out)
 */
public record ProjectedBatch(String projector, List<ProjectedEvent> applied) {

    public ProjectedBatch {
        applied = List.copyOf(applied);
    }

    /** The earliest recorded time ({@code ce_time}) among the applied events. */
    public Optional<OffsetDateTime> earliestTime() {
        return applied.stream().map(ProjectedEvent::time).min(OffsetDateTime::compareTo);
    }
}
