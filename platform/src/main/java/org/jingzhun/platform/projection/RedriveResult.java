package org.jingzhun.platform.projection;

import org.springframework.lang.Nullable;

/**
 * What a re-drive of a dead letter did.
 *
 * @param outcome {@code REDRIVEN}: applied now (or found applied already), the letter is done;
 *                {@code STILL_FAILING}: it failed again and stays parked ({@code reason} says why; read models
 *                that took it now keep it); {@code NOT_FOUND}; {@code ALREADY_REDRIVEN}
 * @param reason  why it still fails, or a note
 */
public record RedriveResult(Outcome outcome, @Nullable String reason) {

    public enum Outcome { REDRIVEN, STILL_FAILING, NOT_FOUND, ALREADY_REDRIVEN }
}
