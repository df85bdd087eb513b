package org.jingzhun.platform.axon;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who issued a command: the authenticated user, recorded in metadata on every command and event. */
public final class Actor {

    /** Metadata key of the actor on commands and events. */
    public static final String META_DATA_KEY = "actor";
    /** The actor of work not caused by a person: deadlines, replays, start-up tasks. */
    public static final String SYSTEM = "system";

    private Actor() {
    }

    /** The authenticated user of the current thread, or {@link #SYSTEM}. */
    public static String current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            return SYSTEM;
        }
        return authentication.getName();
    }
}
