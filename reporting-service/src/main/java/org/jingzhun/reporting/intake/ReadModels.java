package org.jingzhun.reporting.intake;

import java.util.List;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;

/**
 * Hands each event to every read model in turn, inside the projector's one transaction: the read
 * models and the stored offsets move together, and adding a read model is adding a bean.
 */
final class ReadModels implements Projection {

    private final List<Projection> readModels;

    ReadModels(List<Projection> readModels) {
        if (readModels.isEmpty()) {
            throw new IllegalArgumentException("No read model to project into");
        }
        this.readModels = List.copyOf(readModels);
    }

    @Override
    public void apply(ProjectedEvent event) {
        for (Projection readModel : readModels) {
            readModel.apply(event);
        }
    }
}
