package org.jingzhun.rectification.specialrectification;

import java.util.Optional;

/** The special rectifications launched here, as the rest of the service may ask about them. */
public interface SpecialRectifications {

    /** The special rectification, if one with this id was launched. */
    Optional<SpecialRectificationView> find(String id);
}
